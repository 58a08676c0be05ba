// The public API of @org/mcp-skills: everything below is exported on purpose; nothing else is.
export { DEFAULT_SKILLS_OPTIONS, type SkillsOptions } from './options.js';
export {
  SKILLS_EXTENSION_ID,
  type Skill,
  type SkillFile,
  type SkillFileEntry,
  type SkillFrontmatter,
} from './skill.js';
export { type LoadedSkill, SkillsClient } from './skillsClient.js';
