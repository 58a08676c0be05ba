import {
  type AuthorizationHandler,
  headlessAuthorizationHandler,
  MCPConnectionManager,
  MemoryTokenStore,
} from '@org/mcp-manager';

/**
 * A user's browser for the bundled authorization server: it logs in as that user (`login_hint`) and consents by
 * the server's own policy. A platform would send the URL to the user and take the redirect on its callback route.
 */
function browserOf(user: string): AuthorizationHandler {
  const headless = headlessAuthorizationHandler();
  return {
    redirectUri: () => headless.redirectUri(),
    authorize: (request) => {
      const url = new URL(request.url);
      url.searchParams.set('login_hint', user);
      return headless.authorize({ ...request, url });
    },
  };
}

/**
 * Two users of the protected server, through one manager: the server is user-scoped, so each user has their own
 * connection, needs authorization on their own, and sees their own identity. Returns what went wrong, or undefined.
 */
export async function usersTour(
  protectedUrl: string,
  say: (line: string) => void,
): Promise<string | undefined> {
  const manager = new MCPConnectionManager({ tokenStore: new MemoryTokenStore(), maxRetries: 0 });
  try {
    say('\nTwo users of "protected", one manager (scope: "user": a connection and tokens per user):');
    await manager.initialize({
      mcpServers: { mine: { transport: 'http', url: protectedUrl, scope: 'user' } },
    });
    const seen: string[] = [];
    for (const user of ['alice', 'bob']) {
      const view = manager.forUser(user);
      const before = await view.callTool('mine__whoami').then(
        () => 'connected',
        (error: { code?: string }) => error.code ?? 'error',
      );
      await view.authorize('mine', browserOf(user));
      const result = await view.callTool('mine__whoami');
      const who = (result.content[0] as { text?: string } | undefined)?.text ?? '';
      seen.push(who);
      say(`  ${user}: first call ${before}; authorized in ${user}'s own browser; whoami → ${who}`);
    }
    const status = (await manager.getServerStatus()).mine;
    say(`  the manager's status: ${status?.userConnections} user connections`);
    return seen.join(',') === 'alice,bob' ? undefined : `the users saw ${seen.join(', ')}, not alice and bob`;
  } finally {
    await manager.shutdown();
  }
}
