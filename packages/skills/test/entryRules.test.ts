import { ErrorCode } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { SkillsClient } from '../src/index.js';
import { entryServer, fileOf } from './entryServer.js';
import { rejectsWith } from './skillsFixture.js';

const URI = 'skill://refunds/SKILL.md';
const SKILL_MD = '---\nname: refunds\ndescription: Refunds\n---\nBody\n';
const frontmatter = { name: 'refunds', description: 'Refunds' };
const entry = (overrides: object = {}) => ({
  uri: URI,
  frontmatter,
  resources: [fileOf(URI, SKILL_MD)],
  ...overrides,
});

describe('entries that break the extension rules are refused when they arrive', () => {
  it.each([
    ['a URI that is not a SKILL.md', { uri: 'skill://refunds/README.md' }],
    ['a path that does not end in the name', { uri: 'skill://billing/SKILL.md' }],
    ['no entry for its own SKILL.md', { resources: [fileOf('skill://refunds/a.md', 'a')] }],
    ['a file outside the skill', { resources: [fileOf(URI, SKILL_MD), fileOf('skill://other/a.md', 'a')] }],
    [
      'a file that climbs out',
      { resources: [fileOf(URI, SKILL_MD), fileOf('skill://refunds/../x/a.md', 'a')] },
    ],
    ['a file listed twice', { resources: [fileOf(URI, SKILL_MD), fileOf(URI, SKILL_MD)] }],
  ])('%s: SKILL_ENTRY_INVALID', async (_, overrides) => {
    const client = await entryServer({ skills: [entry(overrides)] });
    await rejectsWith(new SkillsClient(client).list(), ErrorCode.SKILL_ENTRY_INVALID);
  });

  it('a digest that is not sha256:<hex> is an invalid result', async () => {
    const client = await entryServer({ skills: [entry({ resources: [{ uri: URI, digest: 'md5:00' }] })] });
    await rejectsWith(new SkillsClient(client).list(), ErrorCode.INVALID_RESULT);
  });

  it('an entry without resources (an earlier draft) is listed as dynamic, and not loaded', async () => {
    const client = await entryServer({ skills: [{ uri: URI, frontmatter }] });
    const [skill] = await new SkillsClient(client).list();
    expect(skill?.resources).toBe('dynamic');
    await rejectsWith(new SkillsClient(client).load(skill!), ErrorCode.SKILL_UNVERIFIABLE);
  });
});

describe('reads the official server would not send', () => {
  it('a file without a declared size is held to the digest, and to maxFileBytes once received', async () => {
    const { size: _, ...unsized } = fileOf(URI, SKILL_MD);
    const client = await entryServer({
      skills: [entry({ resources: [unsized] })],
      files: { [URI]: SKILL_MD },
    });
    const [skill] = await new SkillsClient(client).list();
    expect((await new SkillsClient(client).load(skill!)).body).toBe('Body\n');
    await rejectsWith(new SkillsClient(client, { maxFileBytes: 10 }).load(skill!), ErrorCode.SKILL_TOO_LARGE);
  });

  it.each([
    ['another URI', { contents: [{ uri: 'skill://refunds/other.md', text: SKILL_MD }] }],
    [
      'two blocks of the URI',
      {
        contents: [
          { uri: URI, text: SKILL_MD },
          { uri: URI, text: SKILL_MD },
        ],
      },
    ],
    ['neither text nor blob', { contents: [{ uri: URI }] }],
  ])('a read answered with %s is INVALID_RESULT', async (_, result) => {
    const client = await entryServer({ skills: [entry()], readResults: { [URI]: result } });
    const [skill] = await new SkillsClient(client).list();
    await rejectsWith(new SkillsClient(client).load(skill!), ErrorCode.INVALID_RESULT);
  });

  it.each([
    ['no frontmatter', 'Body only\n'],
    ['frontmatter that is not YAML', '---\nname: [refunds\n---\n'],
    ['a list for frontmatter', '---\n- refunds\n---\n'],
    ['a field the entry lacks', '---\nname: refunds\ndescription: Refunds\nallowed-tools: Bash\n---\n'],
    ['a duplicate key', '---\nname: refunds\nname: refunds\ndescription: Refunds\n---\n'],
  ])('a SKILL.md with %s is SKILL_FRONTMATTER_MISMATCH', async (_, text) => {
    const client = await entryServer({
      skills: [entry({ resources: [fileOf(URI, text)] })],
      files: { [URI]: text },
    });
    const [skill] = await new SkillsClient(client).list();
    await rejectsWith(new SkillsClient(client).load(skill!), ErrorCode.SKILL_FRONTMATTER_MISMATCH);
  });

  it('compares frontmatter as data: key order and YAML quoting do not matter', async () => {
    const text = '---\ndescription: \'Refunds\'\nname: "refunds"\n---\n';
    const client = await entryServer({
      skills: [entry({ resources: [fileOf(URI, text)] })],
      files: { [URI]: text },
    });
    const [skill] = await new SkillsClient(client).list();
    expect((await new SkillsClient(client).load(skill!)).body).toBe('');
  });
});
