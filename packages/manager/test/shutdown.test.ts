import { describe, expect, it } from 'vitest';
import { ManagerErrorCode, MCPConnectionError, MCPConnectionManager } from '../src/index.js';

/** A manager with one registered server (never started), shut down. */
async function shutDown(): Promise<MCPConnectionManager> {
  const m = new MCPConnectionManager();
  await m.initialize({ mcpServers: { s: { command: process.execPath, args: ['-e', ''] } } });
  await m.shutdown();
  return m;
}

describe('after shutdown()', () => {
  it('every call that acts fails with MANAGER_SHUT_DOWN, an MCPConnectionError', async () => {
    const m = await shutDown();
    const acting: [string, () => unknown][] = [
      ['initialize', () => m.initialize({ mcpServers: {} })],
      ['addServer', () => m.addServer('t', { command: 'x' })],
      ['removeServer', () => m.removeServer('s')],
      ['connectServer', () => m.connectServer('s')],
      ['connectAllEnabled', () => m.connectAllEnabled()],
      ['getClient', () => m.getClient('s')],
      ['disconnectServer', () => m.disconnectServer('s')],
      ['enableServer', () => m.enableServer('s')],
      ['disableServer', () => m.disableServer('s')],
      ['callTool', () => m.callTool('s__echo')],
      ['addHook', () => m.addHook({ name: 'late', before: () => undefined })],
      ['callToolAsTask', () => m.callToolAsTask('s__echo')],
      ['getTask', () => m.getTask('s', 'task-1')],
      ['getTaskResult', () => m.getTaskResult('s', 'task-1')],
      ['cancelTask', () => m.cancelTask('s', 'task-1')],
      ['listTasks', () => m.listTasks('s')],
      ['reload', () => m.reload({ mcpServers: {} })],
      ['watch', () => m.watch('mcp_servers.json')],
      ['authorize', () => m.authorize('s')],
      ['listSkills', () => m.listSkills()],
      ['getSkill', () => m.getSkill('s__skill')],
      ['loadSkill', () => m.loadSkill('s__skill')],
      ['listResources', () => m.listResources()],
      ['listResourceTemplates', () => m.listResourceTemplates()],
      ['readResource', () => m.readResource({ server: 's', uri: 'file:///x' })],
      ['subscribeResource', () => m.subscribeResource({ server: 's', uri: 'file:///x' })],
      ['unsubscribeResource', () => m.unsubscribeResource({ server: 's', uri: 'file:///x' })],
      ['listPrompts', () => m.listPrompts()],
      ['getPrompt', () => m.getPrompt('s__prompt')],
      ['setLoggingLevel', () => m.setLoggingLevel('s', 'info')],
    ];
    for (const [method, call] of acting) {
      const outcome = await Promise.resolve()
        .then(call)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(outcome, method).toBeInstanceOf(MCPConnectionError);
      expect((outcome as MCPConnectionError).code, method).toBe(ManagerErrorCode.MANAGER_SHUT_DOWN);
    }
  });

  it('the reads still answer, showing what shutdown left; shutdown itself is idempotent', async () => {
    const m = await shutDown();
    expect((await m.getServerStatus()).s).toMatchObject({ state: 'closed', connected: false });
    expect(await m.listTools()).toEqual([]);
    expect(m.searchTools('echo')).toEqual([]);
    expect(await m.healthCheckAll()).toEqual({ s: false });
    expect(m.metaTools().map((tool) => tool.name)).toEqual(['search_tools', 'call_tool']);
    await expect(m.shutdown()).resolves.toBeUndefined();
    await expect(m[Symbol.asyncDispose]()).resolves.toBeUndefined();
  });
});
