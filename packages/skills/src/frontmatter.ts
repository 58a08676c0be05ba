import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { MCPProtocolError, SkillsErrorCode } from '@org/mcp-core';
import type { Skill } from './skill.js';

// yaml is loaded at the first SKILL.md checked, never at import (a manager without skills never loads it).
let parseYaml: typeof import('yaml').parse | undefined;
function yamlParse(): typeof import('yaml').parse {
  parseYaml ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return parseYaml;
}

/** The opening `---` line, the YAML (possibly empty), the closing `---` line. */
const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * The text of a verified `SKILL.md` and its body after the frontmatter, once the frontmatter, parsed as YAML,
 * equals the entry's field by field: what a user approved from the listing is what the model receives.
 */
export function checkFrontmatter(
  bytes: Uint8Array,
  skill: Skill,
  serverName: string,
): { text: string; body: string } {
  const mismatch = (why: string, cause?: unknown) =>
    new MCPProtocolError(
      SkillsErrorCode.SKILL_FRONTMATTER_MISMATCH,
      `The SKILL.md of ${skill.uri} on server "${serverName}" ${why}; the skill is not loaded.`,
      { serverName, cause },
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw mismatch('is not UTF-8', error);
  }
  const match = FRONTMATTER.exec(text);
  if (!match) throw mismatch('does not begin with YAML frontmatter');
  let parsed: unknown;
  try {
    // The core schema reads only what JSON can say (no timestamps, no custom tags); the alias bound keeps an
    // alias bomb from growing without end.
    parsed = yamlParse()(match[1] ?? '', { schema: 'core', uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    throw mismatch('has frontmatter that is not valid YAML', error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw mismatch('has frontmatter that is not a mapping');
  }
  const fields = parsed as Record<string, unknown>;
  const listed: Record<string, unknown> = skill.frontmatter;
  const differing = [...new Set([...Object.keys(fields), ...Object.keys(listed)])].filter(
    (field) => !isDeepStrictEqual(fields[field], listed[field]),
  );
  if (differing.length > 0) {
    const named = differing.slice(0, 5).map((field) => JSON.stringify(field));
    throw mismatch(`has frontmatter that differs from its entry in ${named.join(', ')}`);
  }
  return { text, body: text.slice(match[0].length) };
}
