import { loopbackAuthorizationHandler, type MCPConnectionManager } from '@org/mcp-manager';

/**
 * `--authorize <server>`: the interactive loopback flow for one configured server (RFC 8252: a
 * listener on 127.0.0.1, the URL printed and opened in the browser), then one status line.
 */
export async function authorizeServer(
  manager: MCPConnectionManager,
  name: string,
  say: (line: string) => void,
): Promise<number> {
  const handler = loopbackAuthorizationHandler({ openBrowser: process.env.CI !== 'true', print: say });
  try {
    say(`Authorizing "${name}": finish in the browser (the URL is below).`);
    const client = await manager.authorize(name, handler);
    const auth = (await manager.getServerStatus())[name]?.auth;
    say(
      `"${name}" is authorized and connected (${client.serverInfo?.name ?? 'server'}); issuer ${auth?.issuer ?? 'unknown'}, scopes ${auth?.scopes?.join(' ') ?? 'none'}.`,
    );
    say('Its tokens are in the token store; the next run uses them.');
    return 0;
  } finally {
    await handler.close?.();
  }
}
