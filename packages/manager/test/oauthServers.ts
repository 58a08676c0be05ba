import {
  type AuthorizationServer,
  everythingBin,
  officialModernServerScript,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import type { MCPServersConfig } from '../src/index.js';

/** A fake clock the OAuth providers read; tests move it instead of waiting. */
export function clock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The real oidc-provider on 127.0.0.1 in front of the official MCP server checking bearer tokens. */
export async function startProtected(): Promise<{
  as: AuthorizationServer;
  mcp: ProtectedMcpServer;
  close(): Promise<void>;
}> {
  const as = await startAuthorizationServer();
  const mcp = await startProtectedMcpServer(as);
  return {
    as,
    mcp,
    close: async () => {
      await mcp.close();
      await as.close();
    },
  };
}

/** One protected server and two plain stdio ones. */
export function threeServers(protectedUrl: string): MCPServersConfig {
  return {
    mcpServers: {
      protected: { transport: 'http', url: protectedUrl },
      plain: { command: process.execPath, args: [officialModernServerScript, 'stdio'] },
      everything: { command: process.execPath, args: [everythingBin(), 'stdio'] },
    },
  };
}

/** Everything secret the authorization server saw: codes, verifiers, tokens, client secrets. */
export function secretsSeenBy(as: AuthorizationServer): string[] {
  const secrets = new Set<string>();
  for (const request of as.seen)
    for (const name of ['code', 'code_verifier', 'refresh_token', 'client_secret', 'token'])
      for (const value of request.body.getAll(name)) if (value.length > 8) secrets.add(value);
  return [...secrets];
}
