import { CoreErrorCode, type MCPClient, type ProtocolEra } from '@org/mcp-core';
import { expect } from 'vitest';

/**
 * The one test body every server passes whatever era it speaks: connect, list every tool across
 * its pages, call `echo`, check health; and the era the client chose. Returns the tool names.
 */
export async function expectWorksInEra(client: MCPClient, era: ProtocolEra): Promise<string[]> {
  await client.connect();
  expect(client.era).toBe(era);
  expect(client.protocolVersion).toMatch(era === 'modern' ? /^2026-07-28$/ : /^202[45]-\d\d-\d\d$/);
  expect(client.serverInfo?.name).toEqual(expect.any(String));
  const tools = (await client.getTools()).map((tool) => tool.name);
  expect(tools).toContain('echo');
  const result = await client.callTool('echo', { message: 'hello from either era' });
  expect(JSON.stringify(result.content)).toContain('hello from either era');
  expect(await client.isHealthy()).toBe(true);
  return tools;
}

/** Resolves when the server acknowledges the client's `subscriptions/listen` (call before connect). */
export function subscriptionAcknowledged(client: MCPClient): Promise<void> {
  return new Promise((resolve) =>
    client.on('notification', (notification) => {
      if (notification.method === 'notifications/subscriptions/acknowledged') resolve();
    }),
  );
}

/**
 * The official 2.x fixture's `grow` tool adds a tool and announces it: the client must hear of it
 * (a list_changed notification in either era) and list the new tool.
 */
export async function expectFollowsToolChanges(client: MCPClient): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const onChanged = () => {
      client.off('toolsChanged', onChanged);
      resolve();
    };
    client.on('toolsChanged', onChanged);
  });
  await client.callTool('grow', {});
  await changed;
  expect((await client.getTools()).map((tool) => tool.name)).toContain('grown');
  expect(JSON.stringify((await client.callTool('grown', {})).content)).toContain('grown');
}

/**
 * A call the caller aborts reaches the official 2.x fixture as a cancellation, whatever the era and
 * transport (`notifications/cancelled` on stdio and in the handshake era, the closed POST stream in
 * the modern era over HTTP): the fixture's `cancellations` tool counts what its handler saw.
 */
export async function expectCancelReachesServer(client: MCPClient): Promise<void> {
  const counts = async () => {
    const [first] = (await client.callTool('cancellations', {})).content;
    return JSON.parse(first?.type === 'text' ? String(first.text) : '{}') as {
      started: number;
      cancelled: number;
    };
  };
  const before = await counts();
  const controller = new AbortController();
  const call = client.callTool('wait_for_cancel', {}, { signal: controller.signal }).catch((e: unknown) => e);
  await pollUntil(async () => (await counts()).started > before.started, 'the call reached the server');
  controller.abort();
  expect(await call).toMatchObject({ code: CoreErrorCode.REQUEST_ABORTED });
  await pollUntil(
    async () => (await counts()).cancelled > before.cancelled,
    'the server saw the cancellation',
  );
}

/** Asks again and again (up to 250 times, 20 ms apart) until the server's state says yes. */
async function pollUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting: ${what}`);
}
