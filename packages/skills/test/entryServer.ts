import { createHash } from 'node:crypto';
import { MCPHttpClient } from '@org/mcp-transport-http';
import { listenLoopback, readJson, type TestHttpServer } from '@org/test-utils';
import { afterEach } from 'vitest';

/** What the hand-written server answers: raw entries (any shape), and file contents by URI. */
export interface EntryServerSetup {
  skills: unknown[];
  files?: Record<string, string>;
  /** Overrides the resources/read result of a URI. */
  readResults?: Record<string, unknown>;
}

export const digestOf = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** A file entry that matches `text`. */
export const fileOf = (uri: string, text: string) => ({
  uri,
  digest: digestOf(text),
  size: Buffer.byteLength(text),
});

const running: { server: TestHttpServer; client: MCPHttpClient }[] = [];
afterEach(async () => {
  for (const { server, client } of running.splice(0)) {
    await client.disconnect();
    await server.close();
  }
});

/**
 * A Streamable HTTP server on 127.0.0.1 written here, for what the official SDK refuses to send: entries
 * that break the extension's rules, malformed reads. Handshake era, JSON answers; a connected client.
 */
export async function entryServer(setup: EntryServerSetup): Promise<MCPHttpClient> {
  const server = await listenLoopback(async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(req.method === 'DELETE' ? 200 : 405).end();
      return;
    }
    const message = (await readJson(req)) as { id?: number; method: string; params?: { uri?: string } };
    if (message.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    const uri = message.params?.uri ?? '';
    const results: Record<string, unknown> = {
      initialize: {
        protocolVersion: '2025-11-25',
        capabilities: { resources: {}, extensions: { 'io.modelcontextprotocol/skills': {} } },
        serverInfo: { name: 'entry-fixture', version: '1.0.0' },
      },
      'skills/list': { skills: setup.skills },
      'resources/read': setup.readResults?.[uri] ?? { contents: [{ uri, text: setup.files?.[uri] ?? '' }] },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: results[message.method] ?? {} }));
  });
  const client = new MCPHttpClient(
    { transport: 'http', url: `${server.origin}/mcp` },
    { name: 'entries', era: 'handshake' },
  );
  running.push({ server, client });
  await client.connect();
  return client;
}
