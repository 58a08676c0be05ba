import type { ClientCapabilities, RequestHandlers } from '@org/mcp-core';
import { MCPHttpClient, type MCPHttpClientOptions } from '@org/mcp-transport-http';

/** What the suite told this run: the scenario, its revision, and its context (credentials, inputs). */
export interface ScenarioEnv {
  scenario: string;
  /** `MCP_CONFORMANCE_PROTOCOL_VERSION`; 0.1.16 does not set it. */
  protocolVersion: string | undefined;
  context: Record<string, unknown>;
}

export function readScenarioEnv(env: NodeJS.ProcessEnv = process.env): ScenarioEnv {
  const raw = env.MCP_CONFORMANCE_CONTEXT;
  return {
    scenario: env.MCP_CONFORMANCE_SCENARIO ?? '',
    protocolVersion: env.MCP_CONFORMANCE_PROTOCOL_VERSION || undefined,
    context: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
  };
}

export interface ConnectOptions {
  capabilities?: ClientCapabilities;
  handlers?: RequestHandlers;
  auth?: MCPHttpClientOptions['auth'];
}

/**
 * One MCPHttpClient on the mock's URL, exactly as given. The era is negotiated as for any server
 * (`server/discover`, then `initialize`): the suite checks what a real caller's client does.
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<MCPHttpClient> {
  const client = new MCPHttpClient(
    { transport: 'http', url },
    {
      name: 'conformance',
      clientInfo: { name: 'org-mcp-conformance-client', version: '0.0.0' },
      requestTimeout: 10_000,
      connectTimeout: 10_000,
      ...options,
    },
  );
  await client.connect();
  // Lands in the suite's stdout.txt, beside the revision the run checks (MCP_CONFORMANCE_PROTOCOL_VERSION).
  console.log(`connected: era ${client.era}, protocol ${client.protocolVersion}`);
  return client;
}
