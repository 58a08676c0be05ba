import { describe, expect, it } from 'vitest';
import { type ClientOptions, MCPProtocolError } from '../src/index.js';
import { connectedTo, ScriptedServer } from './scriptedServer.js';

const connected = (server: ScriptedServer, options: ClientOptions = {}) =>
  connectedTo(server, 'elicit', options);

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', default: 'Ada' },
    age: { type: 'integer', minimum: 0, default: 36 },
    subscribe: { type: 'boolean', default: true },
    email: { type: 'string', format: 'email' },
  },
  required: ['name', 'email'],
};

describe('elicitation by the specification', () => {
  it('declares applyDefaults and fills every field the accepted content leaves out', async () => {
    const server = new ScriptedServer();
    const client = await connected(server, {
      handlers: { 'elicitation/create': () => ({ action: 'accept', content: { email: 'ada@example.com' } }) },
    });
    const init = server.requests('initialize')[0];
    expect(init?.params?.capabilities).toMatchObject({ elicitation: { form: { applyDefaults: true } } });
    const answer = await server.request('elicitation/create', { message: 'Who?', requestedSchema: schema });
    expect(answer).toMatchObject({
      result: {
        action: 'accept',
        content: { name: 'Ada', age: 36, subscribe: true, email: 'ada@example.com' },
      },
    });
    await client.disconnect();
  });

  it('answers the server with -32602 when the handler accepts content that does not match the schema', async () => {
    const server = new ScriptedServer();
    const client = await connected(server, {
      handlers: {
        'elicitation/create': () => ({ action: 'accept', content: { email: 'not an email', age: -1 } }),
      },
    });
    const answer = await server.request('elicitation/create', { message: 'Who?', requestedSchema: schema });
    expect(answer).toMatchObject({ error: { code: -32602 } });
    expect(JSON.stringify(answer)).toMatch(/does not match the requested schema/);
    expect(client.state).toBe('connected');
    await client.disconnect();
  });

  it('passes decline and cancel through, and refuses an answer without a valid action', async () => {
    const answers: unknown[] = [{ action: 'decline' }, { action: 'cancel' }, { ok: true }];
    const server = new ScriptedServer();
    const client = await connected(server, { handlers: { 'elicitation/create': () => answers.shift() } });
    const ask = () => server.request('elicitation/create', { message: 'Who?', requestedSchema: schema });
    expect(await ask()).toMatchObject({ result: { action: 'decline' } });
    expect(await ask()).toMatchObject({ result: { action: 'cancel' } });
    expect(await ask()).toMatchObject({ error: { code: -32603 } });
    await client.disconnect();
  });

  it('URL mode: refused unless declared; then only http(s) URLs reach the handler, and accept carries no content', async () => {
    const seen: unknown[] = [];
    const handler = (params: unknown) => {
      seen.push(params);
      return { action: 'accept', content: { leaked: 'x' } };
    };
    const url = { mode: 'url', message: 'Sign in', elicitationId: 'e1', url: 'https://auth.example.com/x' };
    const undeclared = new ScriptedServer();
    const plain = await connected(undeclared, { handlers: { 'elicitation/create': handler } });
    expect(await undeclared.request('elicitation/create', url)).toMatchObject({ error: { code: -32602 } });
    await plain.disconnect();

    const server = new ScriptedServer();
    const client = await connected(server, {
      handlers: { 'elicitation/create': handler },
      elicitation: { url: true },
    });
    expect(server.requests('initialize')[0]?.params?.capabilities).toMatchObject({
      elicitation: { url: {} },
    });
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(await server.request('elicitation/create', { ...url, url: bad })).toMatchObject({
        error: { code: -32602 },
      });
    }
    expect(seen).toEqual([]);
    const answer = await server.request('elicitation/create', url);
    expect(answer).toEqual({ jsonrpc: '2.0', id: expect.any(Number), result: { action: 'accept' } });
    expect(seen).toEqual([url]);
    await client.disconnect();
  });
});

describe('tool output checked against outputSchema', () => {
  const outputSchema = {
    type: 'object',
    properties: { temperature: { type: 'number' }, unit: { enum: ['C', 'F'] } },
    required: ['temperature'],
  };
  function weather(structured: () => unknown, isError = false) {
    const server = new ScriptedServer();
    server.on('tools/list', () => ({
      tools: [{ name: 'weather', inputSchema: { type: 'object' }, outputSchema }],
    }));
    server.on('tools/call', () => ({
      content: [],
      structuredContent: structured(),
      ...(isError ? { isError } : {}),
    }));
    return server;
  }

  it('a conforming result passes; a mismatch is MCPProtocolError INVALID_RESULT naming the tool and the field', async () => {
    let value: unknown = { temperature: 21, unit: 'C' };
    const client = await connected(weather(() => value));
    await client.getTools();
    await expect(client.callTool('weather')).resolves.toMatchObject({ structuredContent: value });
    value = { temperature: 'warm' };
    const error = await client.callTool('weather').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPProtocolError);
    expect(error).toMatchObject({ code: 'INVALID_RESULT', serverName: 'elicit' });
    expect((error as Error).message).toMatch(/tool "weather".*temperature/);
    value = undefined;
    await expect(client.callTool('weather')).rejects.toThrow(/no structuredContent/);
    await client.disconnect();
  });

  it('is skipped for error results, for tools not listed yet, and when turned off', async () => {
    const bad = () => ({ temperature: 'warm' });
    const errors = await connected(weather(bad, true));
    await errors.getTools();
    await expect(errors.callTool('weather')).resolves.toMatchObject({ isError: true });
    await errors.disconnect();
    const unlisted = await connected(weather(bad));
    await expect(unlisted.callTool('weather')).resolves.toMatchObject({
      structuredContent: { temperature: 'warm' },
    });
    await unlisted.disconnect();
    const off = await connected(weather(bad), { validateToolOutput: false });
    await off.getTools();
    await expect(off.callTool('weather')).resolves.toMatchObject({
      structuredContent: { temperature: 'warm' },
    });
    await off.disconnect();
  });

  it('a schema with a network $ref is never fetched: the call fails with a reason', async () => {
    const server = new ScriptedServer();
    const remote = { type: 'object', properties: { x: { $ref: 'https://example.com/s.json' } } };
    server.on('tools/list', () => ({
      tools: [{ name: 'r', inputSchema: { type: 'object' }, outputSchema: remote }],
    }));
    server.on('tools/call', () => ({ content: [], structuredContent: { x: 1 } }));
    const client = await connected(server);
    await client.getTools();
    await expect(client.callTool('r')).rejects.toThrow(/cannot be used.*Unresolved \$ref/);
    await client.disconnect();
  });
});
