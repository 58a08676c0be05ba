/** Bounds on what a server's skills can make the host hold; each is checked before the data is kept. */
export interface SkillsOptions {
  /** Skills across every page of one `skills/list`. Default 1 000. */
  maxSkills?: number;
  /** Files one skill's entry may list. Default 512, the per-skill limit hosts must support. */
  maxFilesPerSkill?: number;
  /** Bytes of one file, declared or received. Default 16 MiB, the per-skill total hosts must support. */
  maxFileBytes?: number;
}

export const DEFAULT_SKILLS_OPTIONS = {
  maxSkills: 1_000,
  maxFilesPerSkill: 512,
  maxFileBytes: 16 * 1024 * 1024,
} as const satisfies Required<SkillsOptions>;
