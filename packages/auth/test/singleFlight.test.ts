import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthProvider } from '../src/index.js';
import { type HostileWorld, startHostileWorld } from './fixtures/hostileServers.js';

let world: HostileWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('one renewal in flight', () => {
  it('16 refusals at once without a handler: one discovery, and every caller gets its AUTH_REQUIRED', async () => {
    world = await startHostileWorld();
    const url = new URL(world.mcpUrl);
    const provider = new OAuthProvider({ resource: url });
    const challenge = {
      status: 401 as const,
      wwwAuthenticate: 'Bearer',
      url,
      method: 'POST',
      sent: undefined,
      headers: {},
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, () => provider.onUnauthorized(challenge)),
    );
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(MCPAuthError);
      expect((reason as MCPAuthError).code).toBe(AuthErrorCode.AUTH_REQUIRED);
    }
    expect(world.mcp.filter((r) => r.path.startsWith('/.well-known/'))).toHaveLength(1);
    expect(world.as.filter((r) => r.path.startsWith('/.well-known/'))).toHaveLength(1);
  });
});
