import {
  captureLogger,
  officialModernServerScript,
  SKILLS_FIXTURE,
  skillsServerScript,
} from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, type ManagerOptions, MCPConnectionManager, MCPError } from '../src/index.js';

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

/** A manager of skills fixture servers (name → the skill paths it serves) and one server without skills. */
async function manager(servers: Record<string, string>, options: ManagerOptions = {}) {
  const m = new MCPConnectionManager(options);
  managers.push(m);
  const skillServers = Object.entries(servers).map(([name, only]) => [
    name,
    { command: process.execPath, args: [skillsServerScript], env: { SKILLS_ONLY: only } },
  ]);
  await m.initialize({
    mcpServers: {
      ...Object.fromEntries(skillServers),
      plain: { command: process.execPath, args: [officialModernServerScript, 'stdio'] },
    },
  });
  expect(Object.values(await m.connectAllEnabled()).every(Boolean)).toBe(true);
  return m;
}

/** The URIs a fixture server was asked to read, through the manager. */
async function readsOf(m: MCPConnectionManager, server: string): Promise<string[]> {
  const result = await m.callTool(`${server}__${SKILLS_FIXTURE.requestsTool}`);
  const [block] = result.content;
  const requests: { method: string; uri?: string }[] = JSON.parse(block?.type === 'text' ? block.text : '[]');
  return requests.filter((r) => r.method === 'resources/read').map((r) => r.uri ?? '');
}

describe('the manager lists skills across servers like tools', () => {
  it('qualifies names by server, skips servers without the extension, and reads through the owner only', async () => {
    const m = await manager({ a: 'pdf-processing,git-workflow', b: 'pdf-processing,acme/billing/refunds' });
    const skills = await m.listSkills();
    expect(skills.map((s) => [s.qualifiedName, s.serverName, s.originalName, s.uri])).toEqual([
      ['a__git-workflow', 'a', 'git-workflow', 'skill://git-workflow/SKILL.md'],
      ['a__pdf-processing', 'a', 'pdf-processing', SKILLS_FIXTURE.pdfSkill],
      ['b__refunds', 'b', 'refunds', 'skill://acme/billing/refunds/SKILL.md'],
      ['b__pdf-processing', 'b', 'pdf-processing', SKILLS_FIXTURE.pdfSkill],
    ]);
    expect((await m.getSkill('b__pdf-processing')).serverName).toBe('b');
    const loaded = await m.loadSkill('b__pdf-processing');
    expect(loaded.serverName).toBe('b');
    await loaded.readFile('references/FORMS.md');
    expect(await readsOf(m, 'b')).toEqual([SKILLS_FIXTURE.pdfSkill, SKILLS_FIXTURE.pdfForms]);
    expect(await readsOf(m, 'a')).toEqual([]);
  });

  it("under 'prefix-on-collision' only the shared name carries its server", async () => {
    const m = await manager(
      { a: 'pdf-processing,git-workflow', b: 'pdf-processing,acme/billing/refunds' },
      { toolNaming: 'prefix-on-collision' },
    );
    expect((await m.listSkills()).map((s) => s.qualifiedName)).toEqual([
      'git-workflow',
      'a__pdf-processing',
      'refunds',
      'b__pdf-processing',
    ]);
  });

  it("under 'error' a shared name is SKILL_NAME_COLLISION", async () => {
    const m = await manager({ a: 'pdf-processing', b: 'pdf-processing' }, { toolNaming: 'error' });
    const error = await m.listSkills().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPError);
    expect((error as MCPError).code).toBe(ErrorCode.SKILL_NAME_COLLISION);
  });

  it('getSkill lists when the name is not known yet; an unknown name is UNKNOWN_SKILL with the closest one', async () => {
    const m = await manager({ a: 'git-workflow' });
    expect((await m.getSkill('a__git-workflow')).uri).toBe('skill://git-workflow/SKILL.md');
    const error = await m.loadSkill('a__git-workflw').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.UNKNOWN_SKILL,
      message: expect.stringContaining('a__git-workflow'),
    });
  });

  it('leaves out a server whose listing fails, and logs why', async () => {
    const { logger, lines } = captureLogger();
    const m = await manager({ a: 'pdf-processing', b: 'git-workflow' }, { logger });
    expect((await m.listSkills({ maxFilesPerSkill: 2 })).map((s) => s.qualifiedName)).toEqual([
      'b__git-workflow',
    ]);
    expect(lines.find((line) => line.level === 'warn')?.args[0]).toMatchObject({
      server: 'a',
      err: { code: ErrorCode.SKILL_TOO_LARGE },
    });
  });

  it('a verification failure reaches the caller as its typed error', async () => {
    const m = new MCPConnectionManager();
    managers.push(m);
    await m.initialize({
      mcpServers: {
        a: { command: process.execPath, args: [skillsServerScript], env: { SKILLS_TAMPER: 'digest' } },
      },
    });
    await m.connectServer('a');
    const error = await m.loadSkill('a__pdf-processing').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.SKILL_FILE_DIGEST_MISMATCH, serverName: 'a' });
  });
});
