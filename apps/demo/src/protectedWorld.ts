import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuthorizationServer,
  fileAdapter,
  type ProtectedMcpServer,
  type SeenByAs,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/mcp-demo-servers';

/** Where the demo keeps what outlives a run (ports, the authorization server's data, the token store); MCP_DEMO_DATA_DIR moves it. */
export const DEFAULT_DEMO_DATA_DIR = process.env.MCP_DEMO_DATA_DIR ?? join(tmpdir(), 'org-mcp-demo');

/** The protected server of the demo: a real oidc-provider and, behind it, an official MCP server checking tokens. */
export interface ProtectedWorld {
  /** DEMO_PROTECTED_PORT, which the bundled config expands. */
  env: Record<string, string>;
  /** The file store the demo's manager keeps tokens in. */
  tokenStorePath: string;
  /** What happened on the wire for OAuth, in order (no token, code or secret: paths, grant types, statuses). */
  steps(): string[];
  /** Whether this run asked the authorization server for no token at all (the stored one served). */
  tokenReused(): boolean;
  stop(): Promise<void>;
}

interface Ports {
  as: number;
  mcp: number;
}

/**
 * Starts both on the ports of the last run when they are free (tokens belong to an issuer and a
 * resource, both URLs with a port, so only then can a stored token serve again), else on new ones.
 */
export async function startProtectedWorld(dataDir = DEFAULT_DEMO_DATA_DIR): Promise<ProtectedWorld> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const portsFile = join(dataDir, 'ports.json');
  const saved: Ports = existsSync(portsFile)
    ? JSON.parse(readFileSync(portsFile, 'utf8'))
    : { as: 0, mcp: 0 };
  const seenByAs: SeenByAs[] = [];
  const start = async (ports: Ports) => {
    const as = await startAuthorizationServer({
      port: ports.as,
      adapter: fileAdapter(join(dataDir, 'authorization-server.json')),
      onRequest: (seen) => seenByAs.push(seen),
    });
    try {
      return { as, mcp: await startProtectedMcpServer(as, { port: ports.mcp }) };
    } catch (error) {
      await as.close();
      throw error;
    }
  };
  let servers: { as: AuthorizationServer; mcp: ProtectedMcpServer };
  try {
    servers = await start(saved);
  } catch {
    servers = await start({ as: 0, mcp: 0 });
  }
  const { as, mcp } = servers;
  const ports = { as: Number(new URL(as.issuer).port), mcp: Number(new URL(mcp.url).port) };
  writeFileSync(portsFile, JSON.stringify(ports));
  return {
    env: { DEMO_PROTECTED_PORT: String(ports.mcp) },
    tokenStorePath: join(dataDir, 'tokens.json'),
    steps: () => [...mcpSteps(mcp), ...seenByAs.flatMap(step)],
    tokenReused: () => !seenByAs.some((r) => r.path === '/token'),
    stop: async () => {
      await mcp.close();
      await as.close();
    },
  };
}

function mcpSteps(mcp: ProtectedMcpServer): string[] {
  const steps: string[] = [];
  if (mcp.seen.some((r) => r.status === 401 && !r.authorization))
    steps.push('MCP server: 401 to a request without a token (WWW-Authenticate names its metadata)');
  if (mcp.seen.some((r) => r.path.startsWith('/.well-known/oauth-protected-resource')))
    steps.push('discovery: protected resource metadata (RFC 9728) from the MCP server');
  return steps;
}

/** One line per authorization server request that is a step of the flow. */
function step(seen: SeenByAs): string[] {
  if (seen.path.startsWith('/.well-known/'))
    return [`discovery: authorization server metadata (${seen.path})`];
  if (seen.path === '/reg') return ['registration: dynamic client registration (RFC 7591)'];
  if (seen.path === '/auth' && seen.method === 'GET')
    return ['authorization: PKCE S256 + resource; consent by the server’s own policy (no input)'];
  if (seen.path === '/token') return [`token: ${seen.body.get('grant_type') ?? 'unknown'} grant`];
  return [];
}
