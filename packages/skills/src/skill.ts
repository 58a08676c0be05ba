/** The extension's identifier, under `capabilities.extensions` of a server that serves skills. */
export const SKILLS_EXTENSION_ID = 'io.modelcontextprotocol/skills';

/** One file of a skill, with what a host verifies it against. */
export interface SkillFileEntry {
  uri: string;
  /** `sha256:` and 64 lowercase hex digits: the digest of the file's raw bytes. */
  digest: string;
  /** The file's length in bytes; older servers leave it out, and then only the digest is checked. */
  size?: number | undefined;
}

/** A `SKILL.md`'s YAML frontmatter as JSON, verbatim: `name`, `description` and whatever else the author wrote. */
export interface SkillFrontmatter {
  name: string;
  description: string;
  [field: string]: unknown;
}

/** One skill as a server lists it (`skills/list`, `skills/get`), checked against the extension's rules. */
export interface Skill {
  /** The URI of its `SKILL.md`: `<scheme>://<skill-path>/SKILL.md`, the path ending in `name`. */
  uri: string;
  /** From the frontmatter; a label, not unique: the pair of server and `uri` is the skill's identity. */
  name: string;
  description: string;
  frontmatter: SkillFrontmatter;
  /** Every file of the skill, its `SKILL.md` included, or `'dynamic'` for a generated skill (not loadable). */
  resources: readonly SkillFileEntry[] | 'dynamic';
}

/** A file of a skill, read and verified against its entry. */
export interface SkillFile {
  uri: string;
  mimeType?: string | undefined;
  /** The raw bytes the digest was computed over. */
  bytes: Uint8Array;
  /** The content as the server sent it, when it sent text rather than a blob. */
  text?: string | undefined;
}
