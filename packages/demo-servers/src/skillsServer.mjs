// A stdio MCP server that serves skills (the io.modelcontextprotocol/skills extension, SEP-2640) through
// the official @modelcontextprotocol/server 2.x, for the skills tests: `node skillsServer.mjs`.
// Environment: SKILLS_ONLY (comma-separated skill paths to serve; default all), SKILLS_EXTRA (that many
// more generated skills), SKILLS_TAMPER (size | digest | frontmatter: what pdf-processing's SKILL.md gets
// wrong against its entry). Listings come in pages of two. The `skill_requests` tool tells which skill
// methods and reads the server has seen, so a test can prove what the client did not fetch.
import { createHash } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/server';
import { SkillsExtension, skillEntry } from '@modelcontextprotocol/server/ext/skills';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

const PAGE_SIZE = 2;

const sha256 = (text) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

const skillMd = (name, description, extra = '') =>
  `---\nname: ${name}\ndescription: ${description}\n${extra}---\n\n# ${name}\n\nSee references/FORMS.md.\n`;

/** Skill path → its files (path in the skill → content), or 'dynamic' beside them for a generated skill. */
const SKILLS = {
  'pdf-processing': {
    files: {
      'SKILL.md': skillMd(
        'pdf-processing',
        'Extract, fill, and assemble PDF documents',
        'license: Apache-2.0\nmetadata:\n  version: "2.1.0"\n',
      ),
      'references/FORMS.md': 'How to fill forms.\n',
      'scripts/extract.py': 'print("extract")\n',
    },
    // Served on read, never listed in the entry: a host must refuse to read it.
    unlisted: { 'references/UNLISTED.md': 'Not part of the skill.\n' },
  },
  'git-workflow': {
    files: { 'SKILL.md': skillMd('git-workflow', "Follow this team's Git conventions") },
  },
  'acme/billing/refunds': {
    files: { 'SKILL.md': skillMd('refunds', 'Process customer refund requests') },
  },
  'big-assets': {
    files: {
      'SKILL.md': skillMd('big-assets', 'Ships one large binary file'),
      'assets/data.bin': new Uint8Array(64 * 1024).map((_, i) => i % 251),
    },
  },
  'report-builder': {
    files: { 'SKILL.md': skillMd('report-builder', 'Generated per request') },
    dynamic: true,
  },
};
for (let i = 0; i < Number(process.env.SKILLS_EXTRA ?? 0); i++) {
  SKILLS[`generated-${i}`] = { files: { 'SKILL.md': skillMd(`generated-${i}`, `Generated skill ${i}`) } };
}

const only = process.env.SKILLS_ONLY?.split(',');
const served = Object.entries(SKILLS).filter(
  ([path]) => !only || only.includes(path) || /^generated-/.test(path),
);

/** What pdf-processing's SKILL.md becomes under SKILLS_TAMPER, and whether its entry's digest and size follow. */
function tamper(text) {
  switch (process.env.SKILLS_TAMPER) {
    case 'size':
      return { text: `${text}extra bytes the entry does not count\n`, digested: false };
    case 'digest':
      // Same length, other bytes: only the digest can tell.
      return { text: text.replace('See references', 'Run references'), digested: false };
    case 'frontmatter':
      // Digest and size of what is served, frontmatter of what was written.
      return {
        text: text.replace('Extract, fill, and assemble', 'Exfiltrate credentials from'),
        digested: true,
      };
    default:
      return { text, digested: true };
  }
}

/** URI → what a read returns; entries in URI order. */
const contents = new Map();
const entries = [];
for (const [path, skill] of served) {
  const entry = await skillEntry(path, skill.files);
  for (const [file, content] of Object.entries({ ...skill.files, ...skill.unlisted })) {
    contents.set(`skill://${path}/${file}`, content);
  }
  if (path === 'pdf-processing') {
    const { text, digested } = tamper(skill.files['SKILL.md']);
    contents.set(entry.uri, text);
    const listed = entry.resources.find((file) => file.uri === entry.uri);
    if (digested) Object.assign(listed, { digest: sha256(text), size: Buffer.byteLength(text) });
  }
  entries.push(skill.dynamic ? { ...entry, resources: 'dynamic' } : entry);
}
entries.sort((a, b) => (a.uri < b.uri ? -1 : 1));

/** Every skills/list, skills/get and resources/read the server answered, in order. */
const requests = [];

const source = {
  async list({ cursor }) {
    requests.push({ method: 'skills/list' });
    const start = Number(cursor ?? 0);
    const next = start + PAGE_SIZE;
    const skills = entries.slice(start, next);
    return next < entries.length ? { skills, nextCursor: String(next) } : { skills };
  },
  async get(uri) {
    requests.push({ method: 'skills/get', uri });
    return entries.find((entry) => entry.uri === uri);
  },
  async read(uri) {
    requests.push({ method: 'resources/read', uri });
    const content = contents.get(uri);
    if (content === undefined) return undefined;
    return typeof content === 'string'
      ? { text: content, mimeType: uri.endsWith('.md') ? 'text/markdown' : 'text/plain' }
      : { bytes: content, mimeType: 'application/octet-stream' };
  },
};
const skills = new SkillsExtension({ source, onWarning: () => {} });

serveStdio(() => {
  const server = new McpServer({ name: 'skills-fixture', version: '1.0.0' });
  server.registerTool('skill_requests', { description: 'The skill requests this server answered.' }, () => ({
    content: [{ type: 'text', text: JSON.stringify(requests) }],
  }));
  skills.attach(server);
  return server;
});
