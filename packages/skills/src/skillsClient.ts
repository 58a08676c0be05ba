import {
  JSONRPC_ERROR,
  type MCPClient,
  MCPProtocolError,
  type RequestOptions,
  SkillsErrorCode,
} from '@org/mcp-core';
import { paginate } from '@org/mcp-core/internal';
import { toSkill } from './entryRules.js';
import { checkFrontmatter } from './frontmatter.js';
import { DEFAULT_SKILLS_OPTIONS, type SkillsOptions } from './options.js';
import { GetSkillResultSchema, ListSkillsPageSchema } from './schemas.js';
import { SKILLS_EXTENSION_ID, type Skill, type SkillFile, type SkillFileEntry } from './skill.js';
import { resolveSkillPath, skillRoot } from './skillUris.js';
import { readVerifiedFile } from './verifyFile.js';

/** A skill whose `SKILL.md` was read and verified: the window in which the host acts on it. */
export interface LoadedSkill {
  readonly skill: Skill;
  /** The client's name: the host's label for the server the skill came from, to show the model. */
  readonly serverName: string;
  /** The skill's root directory (`skill://pdf-processing`); relative references resolve against it. */
  readonly root: string;
  /** The whole `SKILL.md`. */
  readonly text: string;
  /** `SKILL.md` after its frontmatter. */
  readonly body: string;
  /** Reads one of the skill's listed files (a path relative to the root, or its URI), verified. */
  readFile(path: string, options?: RequestOptions): Promise<SkillFile>;
}

/**
 * The host side of the Skills extension on one connected client. Nothing is fetched ahead of need: `list` and
 * `get` read entries only, `load` reads the `SKILL.md` alone, and each supporting file is read when asked for.
 * Every file read is checked against the entry the skill was loaded from, and refused with a typed error.
 */
export class SkillsClient {
  private readonly limits: Required<SkillsOptions>;

  constructor(
    private readonly client: MCPClient,
    options: SkillsOptions = {},
  ) {
    this.limits = { ...DEFAULT_SKILLS_OPTIONS, ...options };
  }

  /** Whether the server declares the extension; the skills methods are only called on one that does. */
  get supported(): boolean {
    const extensions = this.client.serverCapabilities?.extensions;
    return typeof extensions === 'object' && extensions !== null && SKILLS_EXTENSION_ID in extensions;
  }

  /** Every page of `skills/list`, each entry checked; at most `maxSkills`. An empty listing proves nothing. */
  async list(options?: RequestOptions): Promise<Skill[]> {
    this.assertSupported();
    return paginate(
      this.client,
      'skills/list',
      ListSkillsPageSchema,
      (page) => page.skills.map((entry) => toSkill(entry, this.client.name, this.limits.maxFilesPerSkill)),
      options,
      undefined,
      { maxItems: this.limits.maxSkills },
    );
  }

  /** The entry of the skill whose `SKILL.md` is at `uri`, listed or not (`skills/get`). */
  async get(uri: string, options?: RequestOptions): Promise<Skill> {
    this.assertSupported();
    const serverName = this.client.name;
    const raw = await this.client.request<unknown>('skills/get', { uri }, options).catch((error: unknown) => {
      if (error instanceof MCPProtocolError && error.rpcCode === JSONRPC_ERROR.INVALID_PARAMS) {
        throw new MCPProtocolError(
          SkillsErrorCode.SKILL_NOT_FOUND,
          `Server "${serverName}" serves no skill at ${uri}.`,
          { serverName, cause: error },
        );
      }
      throw error;
    });
    const parsed = GetSkillResultSchema.safeParse(raw);
    const entry = parsed.success ? parsed.data.skill : undefined;
    if (!entry || entry.uri !== uri) {
      throw new MCPProtocolError(
        SkillsErrorCode.SKILL_ENTRY_INVALID,
        `Server "${serverName}" answered skills/get for ${uri} without a valid entry of that skill.`,
        { serverName, cause: parsed.error },
      );
    }
    return toSkill(entry, serverName, this.limits.maxFilesPerSkill);
  }

  /**
   * Loads a skill: fetches its `SKILL.md` (now, not before) and checks size, digest and frontmatter against the
   * entry. A URI is looked up with `skills/get` first. A skill without a file list is refused, unverifiable.
   */
  async load(skill: Skill | string, options?: RequestOptions): Promise<LoadedSkill> {
    const entry = typeof skill === 'string' ? await this.get(skill, options) : skill;
    const root = skillRoot(entry.uri) ?? entry.uri;
    const file = await this.readFile(entry, entry.uri, options);
    const { text, body } = checkFrontmatter(file.bytes, entry, this.client.name);
    return {
      skill: entry,
      serverName: this.client.name,
      root,
      text,
      body,
      readFile: (path, readOptions) => this.readFile(entry, path, readOptions),
    };
  }

  /** Reads a file of `skill` only if its entry lists it; an unlisted file is refused before any request. */
  async readFile(skill: Skill, path: string, options?: RequestOptions): Promise<SkillFile> {
    this.assertSupported();
    const uri = resolveSkillPath(skillRoot(skill.uri) ?? skill.uri, path);
    return readVerifiedFile(this.client, this.listed(skill, uri), this.limits.maxFileBytes, options);
  }

  private listed(skill: Skill, uri: string): SkillFileEntry {
    const serverName = this.client.name;
    if (skill.resources === 'dynamic') {
      throw new MCPProtocolError(
        SkillsErrorCode.SKILL_UNVERIFIABLE,
        `The skill ${skill.uri} of server "${serverName}" lists no files with digests ("dynamic"), so nothing of it can be verified.`,
        { serverName },
      );
    }
    const file = skill.resources.find((entry) => entry.uri === uri);
    if (file) return file;
    throw new MCPProtocolError(
      SkillsErrorCode.SKILL_FILE_UNLISTED,
      `${uri} is not a file of the skill ${skill.uri} of server "${serverName}" (its entry does not list it); not read.`,
      { serverName },
    );
  }

  /** A connected client without the extension is refused; one that is not connected fails on its own terms. */
  private assertSupported(): void {
    if (this.client.state !== 'connected' || this.supported) return;
    throw new MCPProtocolError(
      SkillsErrorCode.SKILLS_UNSUPPORTED,
      `Server "${this.client.name}" does not declare the ${SKILLS_EXTENSION_ID} extension.`,
      { serverName: this.client.name },
    );
  }
}
