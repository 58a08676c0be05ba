import { ErrorCode } from '@org/mcp-core';
import { MCPStdioClient } from '@org/mcp-transport-stdio';
import { officialModernServerScript, SKILLS_FIXTURE } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SkillsClient } from '../src/index.js';
import { readsSeen, rejectsWith, requestsSeen, skillsServer } from './skillsFixture.js';

const { pdfSkill, pdfForms, pdfUnlisted, bigFile, dynamicSkill } = SKILLS_FIXTURE;

describe.each(['modern', 'handshake'] as const)('SkillsClient on the official 2.x server (%s era)', (era) => {
  it('lists every skill across pages, from the listing alone: no file is read', async () => {
    const client = await skillsServer({}, { era });
    const skills = new SkillsClient(client);
    expect(skills.supported).toBe(true);
    const listed = await skills.list();
    expect(listed.map((skill) => skill.uri)).toEqual(
      SKILLS_FIXTURE.paths.map((path) => `skill://${path}/SKILL.md`),
    );
    const pdf = listed.find((skill) => skill.uri === pdfSkill);
    expect(pdf).toMatchObject({
      name: 'pdf-processing',
      description: 'Extract, fill, and assemble PDF documents',
      frontmatter: { license: 'Apache-2.0', metadata: { version: '2.1.0' } },
    });
    expect(pdf?.resources).toHaveLength(3);
    expect(listed.find((skill) => skill.uri === dynamicSkill)?.resources).toBe('dynamic');
    expect(listed.find((skill) => skill.name === 'refunds')?.uri).toBe(
      'skill://acme/billing/refunds/SKILL.md',
    );
    // Five skills, two to a page.
    expect(await requestsSeen(client)).toEqual([
      { method: 'skills/list' },
      { method: 'skills/list' },
      { method: 'skills/list' },
    ]);
  });
});

describe('SkillsClient: lazy loading', () => {
  it('reads SKILL.md when the skill is loaded and each supporting file when it is read, never before', async () => {
    const client = await skillsServer();
    const skills = new SkillsClient(client);
    const [pdf] = (await skills.list()).filter((skill) => skill.uri === pdfSkill);
    expect(await readsSeen(client)).toEqual([]);
    const loaded = await skills.load(pdf!);
    expect(await readsSeen(client)).toEqual([pdfSkill]);
    expect(loaded).toMatchObject({ serverName: 'skills', root: 'skill://pdf-processing' });
    expect(loaded.text.startsWith('---\nname: pdf-processing\n')).toBe(true);
    expect(loaded.body).toBe('\n# pdf-processing\n\nSee references/FORMS.md.\n');
    const forms = await loaded.readFile('references/FORMS.md');
    expect(forms).toMatchObject({ uri: pdfForms, mimeType: 'text/markdown', text: 'How to fill forms.\n' });
    expect(Buffer.from(forms.bytes).toString('utf8')).toBe('How to fill forms.\n');
    await loaded.readFile('./scripts/../references/FORMS.md');
    expect(await readsSeen(client)).toEqual([pdfSkill, pdfForms, pdfForms]);
  });

  it('verifies a blob by its decoded bytes', async () => {
    const client = await skillsServer();
    const loaded = await new SkillsClient(client).load('skill://big-assets/SKILL.md');
    const file = await loaded.readFile(bigFile);
    expect(file.text).toBeUndefined();
    expect(new Uint8Array(file.bytes)).toEqual(new Uint8Array(64 * 1024).map((_, i) => i % 251));
  });

  it('gets one entry by URI (skills/get), and a URI the server does not serve is SKILL_NOT_FOUND', async () => {
    const client = await skillsServer();
    const skills = new SkillsClient(client);
    expect((await skills.get(pdfSkill)).resources).toHaveLength(3);
    await rejectsWith(skills.get('skill://no-such-skill/SKILL.md'), ErrorCode.SKILL_NOT_FOUND);
    expect(await readsSeen(client)).toEqual([]);
  });
});

describe('SkillsClient: every file read is verified', () => {
  it.each([
    ['size', ErrorCode.SKILL_FILE_SIZE_MISMATCH],
    ['digest', ErrorCode.SKILL_FILE_DIGEST_MISMATCH],
    ['frontmatter', ErrorCode.SKILL_FRONTMATTER_MISMATCH],
  ] as const)(
    'a SKILL.md with the wrong %s is refused with %s, and the skill is not loaded',
    async (tamper, code) => {
      const client = await skillsServer({ SKILLS_TAMPER: tamper });
      const skills = new SkillsClient(client);
      const [pdf] = (await skills.list()).filter((skill) => skill.uri === pdfSkill);
      const error = await rejectsWith(skills.load(pdf!), code);
      expect(error.serverName).toBe('skills');
      expect(error.message).toContain(pdfSkill);
      expect(await readsSeen(client)).toEqual([pdfSkill]);
    },
  );

  it('names the frontmatter field that differs', async () => {
    const client = await skillsServer({ SKILLS_TAMPER: 'frontmatter' });
    const error = await rejectsWith(
      new SkillsClient(client).load(pdfSkill),
      ErrorCode.SKILL_FRONTMATTER_MISMATCH,
    );
    expect(error.message).toContain('"description"');
  });

  it('refuses a file the entry does not list without asking the server for it', async () => {
    const client = await skillsServer();
    const loaded = await new SkillsClient(client).load(pdfSkill);
    await rejectsWith(loaded.readFile('references/UNLISTED.md'), ErrorCode.SKILL_FILE_UNLISTED);
    await rejectsWith(loaded.readFile(pdfUnlisted), ErrorCode.SKILL_FILE_UNLISTED);
    await rejectsWith(loaded.readFile('../git-workflow/SKILL.md'), ErrorCode.SKILL_FILE_UNLISTED);
    expect(await readsSeen(client)).toEqual([pdfSkill]);
  });

  it('declines a dynamic skill (no digests) before reading anything', async () => {
    const client = await skillsServer();
    await rejectsWith(new SkillsClient(client).load(dynamicSkill), ErrorCode.SKILL_UNVERIFIABLE);
    expect(await readsSeen(client)).toEqual([]);
  });
});

describe('SkillsClient: bounds', () => {
  it('stops a listing past maxSkills', async () => {
    const client = await skillsServer({ SKILLS_EXTRA: '20' });
    expect(await new SkillsClient(client).list()).toHaveLength(25);
    await rejectsWith(new SkillsClient(client, { maxSkills: 10 }).list(), ErrorCode.PAGINATION_LIMIT);
  });

  it('refuses an entry listing more than maxFilesPerSkill files', async () => {
    const client = await skillsServer({ SKILLS_ONLY: 'pdf-processing' });
    await rejectsWith(new SkillsClient(client, { maxFilesPerSkill: 2 }).list(), ErrorCode.SKILL_TOO_LARGE);
  });

  it('refuses a file declared over maxFileBytes before any request', async () => {
    const client = await skillsServer();
    const loaded = await new SkillsClient(client, { maxFileBytes: 1024 }).load('skill://big-assets/SKILL.md');
    await rejectsWith(loaded.readFile('assets/data.bin'), ErrorCode.SKILL_TOO_LARGE);
    expect(await readsSeen(client)).toEqual(['skill://big-assets/SKILL.md']);
  });
});

describe('SkillsClient on a server without the extension', () => {
  const others: MCPStdioClient[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((client) => client.disconnect()));
  });

  it('says so, and sends no skills request', async () => {
    const client = new MCPStdioClient({
      command: process.execPath,
      args: [officialModernServerScript, 'stdio'],
    });
    others.push(client);
    await client.connect();
    const skills = new SkillsClient(client);
    expect(skills.supported).toBe(false);
    await rejectsWith(skills.list(), ErrorCode.SKILLS_UNSUPPORTED);
    await rejectsWith(skills.load(pdfSkill), ErrorCode.SKILLS_UNSUPPORTED);
  });

  it('lets a client that is not connected fail on its own terms', async () => {
    const client = new MCPStdioClient({
      command: process.execPath,
      args: [officialModernServerScript, 'stdio'],
    });
    await rejectsWith(new SkillsClient(client).list(), ErrorCode.NOT_CONNECTED, 'MCPConnectionError');
  });
});
