import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The stdio skills server built on the official @modelcontextprotocol/server 2.x (`node <script>`). */
export const skillsServerScript = require.resolve('@org/mcp-demo-servers/skills-server');

/** What the skills server serves, as its environment switches and URIs name it. */
export const SKILLS_FIXTURE = {
  /** Every skill path it serves by default, in URI order. */
  paths: ['acme/billing/refunds', 'big-assets', 'git-workflow', 'pdf-processing', 'report-builder'],
  pdfSkill: 'skill://pdf-processing/SKILL.md',
  /** Listed in pdf-processing's entry. */
  pdfForms: 'skill://pdf-processing/references/FORMS.md',
  /** Served on read but not in pdf-processing's entry. */
  pdfUnlisted: 'skill://pdf-processing/references/UNLISTED.md',
  /** A 64 KiB file of big-assets, served as a blob. */
  bigFile: 'skill://big-assets/assets/data.bin',
  /** Its entry has `resources: "dynamic"`. */
  dynamicSkill: 'skill://report-builder/SKILL.md',
  /** The tool that returns the skill requests the server answered, as JSON. */
  requestsTool: 'skill_requests',
} as const;
