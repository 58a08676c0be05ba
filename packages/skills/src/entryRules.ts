import { MCPProtocolError, SkillsErrorCode } from '@org/mcp-core';
import type { SkillEntry } from './schemas.js';
import type { Skill, SkillFileEntry } from './skill.js';
import { isInside, lastSegment, skillRoot } from './skillUris.js';

/**
 * A listed entry as a host can rely on it, or the rule it breaks: its URI is a `SKILL.md` whose path ends in
 * the skill's name, and its file list is complete (its own `SKILL.md` included), within the skill, each file
 * once, and no longer than `maxFiles`. Checked when the entry arrives, so no caller ever holds a bad one.
 */
export function toSkill(entry: SkillEntry, serverName: string, maxFiles: number): Skill {
  const invalid = (rule: string) =>
    new MCPProtocolError(
      SkillsErrorCode.SKILL_ENTRY_INVALID,
      `Server "${serverName}" listed the skill ${JSON.stringify(entry.uri)}, which ${rule}.`,
      { serverName },
    );
  const root = skillRoot(entry.uri);
  if (!root) throw invalid('is not a <scheme>://<skill-path>/SKILL.md URI');
  const { name, description } = entry.frontmatter;
  if (lastSegment(root) !== name)
    throw invalid(`is named ${JSON.stringify(name)} but its path does not end in it`);
  const resources = entry.resources ?? 'dynamic';
  if (resources !== 'dynamic') {
    if (resources.length > maxFiles) {
      throw new MCPProtocolError(
        SkillsErrorCode.SKILL_TOO_LARGE,
        `Server "${serverName}" listed the skill ${entry.uri} with ${resources.length} files, more than maxFilesPerSkill (${maxFiles}).`,
        { serverName },
      );
    }
    const seen = new Set<string>();
    for (const file of resources) {
      if (seen.has(file.uri)) throw invalid(`lists ${file.uri} twice`);
      if (file.uri !== entry.uri && !isInside(root, file.uri))
        throw invalid(`lists ${file.uri}, outside ${root}`);
      seen.add(file.uri);
    }
    if (!seen.has(entry.uri)) throw invalid('does not list its own SKILL.md among its files');
  }
  return {
    uri: entry.uri,
    name,
    description,
    frontmatter: entry.frontmatter,
    resources: resources === 'dynamic' ? resources : resources.map(fileEntry),
  };
}

function fileEntry({ uri, digest, size }: SkillFileEntry): SkillFileEntry {
  return size === undefined ? { uri, digest } : { uri, digest, size };
}
