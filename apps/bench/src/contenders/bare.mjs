// Contender A: a hand-written JSON-RPC loop per transport, the floor the others are measured against.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Pool } from 'undici';
import { lineSplitter } from '../lineSplitter.mjs';
import { BARE_INITIALIZE, BareRpc } from './bareRpc.mjs';
import { handWrittenNamespace, qualifyByHand } from './handWrittenTools.mjs';

/** @typedef {import('./contender.mjs').Target} Target */
/** @typedef {import('./contender.mjs').Connection} Connection */

/**
 * Spawns the server and speaks newline-delimited JSON over its pipes.
 * @param {{ command: string, args: string[] }} target
 * @param {boolean} listTools
 * @returns {Promise<Connection>}
 */
async function connectStdio(target, listTools) {
  // A minimal environment, as the SDK and ours give their servers (NODE_EXTRA_CA_CERTS alone costs a node child ~35 ms).
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const child = spawn(target.command, target.args, { stdio: ['pipe', 'pipe', 'inherit'], env });
  const exited = once(child, 'exit');
  const rpc = new BareRpc((json) => child.stdin.write(`${json}\n`));
  child.stdout.setEncoding('utf8');
  child.stdout.on(
    'data',
    lineSplitter((line) => rpc.receive(JSON.parse(line))),
  );
  child.on('exit', () => rpc.failAll(new Error('server exited')));
  child.on('error', (error) => rpc.failAll(error));
  await rpc.request('initialize', BARE_INITIALIZE);
  rpc.notify('notifications/initialized');
  if (listTools) await rpc.request('tools/list');
  return {
    callTool: (name, args) => rpc.request('tools/call', { name, arguments: args }),
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/**
 * Streamable HTTP with an undici keep-alive pool: one POST per request, JSON answer in the body.
 * @param {string} url
 * @returns {Promise<Connection>}
 */
async function connectHttp(url) {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: 256, keepAliveTimeout: 30_000 });
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  let nextId = 1;
  /**
   * @param {object} message
   * @returns {Promise<any>}
   */
  const post = async (message) => {
    const {
      statusCode,
      headers: answered,
      body,
    } = await pool.request({
      path: pathname,
      method: 'POST',
      headers,
      body: JSON.stringify(message),
    });
    if (statusCode === 202) {
      await body.dump();
      return undefined;
    }
    if (statusCode !== 200) {
      await body.dump();
      throw new Error(`HTTP ${statusCode}`);
    }
    const session = answered['mcp-session-id'];
    if (typeof session === 'string') headers['mcp-session-id'] = session;
    const reply = /** @type {any} */ (await body.json());
    if (reply.error) throw new Error(reply.error.message);
    return reply.result;
  };
  /**
   * @param {string} method
   * @param {object} [params]
   */
  const request = (method, params) => post({ jsonrpc: '2.0', id: nextId++, method, params });
  const init = await request('initialize', BARE_INITIALIZE);
  headers['mcp-protocol-version'] = init.protocolVersion;
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  await request('tools/list');
  return {
    callTool: (name, args) => request('tools/call', { name, arguments: args }),
    async close() {
      const { body } = await pool.request({ path: pathname, method: 'DELETE', headers });
      await body.dump();
      await pool.close();
    },
  };
}

/**
 * Legacy HTTP+SSE: one GET event stream for answers, a POST per message to the announced endpoint.
 * @param {string} url
 * @returns {Promise<Connection>}
 */
async function connectSse(url) {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: 256, keepAliveTimeout: 30_000 });
  const stream = await pool.request({
    path: pathname,
    method: 'GET',
    headers: { accept: 'text/event-stream' },
  });
  if (stream.statusCode !== 200) throw new Error(`SSE stream answered HTTP ${stream.statusCode}`);
  /** @type {(path: string) => void} */
  let announce = () => {};
  const endpoint = new Promise((resolve) => {
    announce = resolve;
  });
  let endpointPath = '';
  const rpc = new BareRpc((json) => {
    pool
      .request({
        path: endpointPath,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: json,
      })
      .then(({ body }) => body.dump())
      .catch((/** @type {Error} */ error) => rpc.failAll(error));
  });
  let buffered = '';
  stream.body.setEncoding('utf8');
  stream.body.on('data', (/** @type {string} */ chunk) => {
    buffered += chunk;
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(line[5] === ' ' ? 6 : 5);
      }
      if (event === 'endpoint') announce(data);
      else if (event === 'message') rpc.receive(JSON.parse(data));
      end = buffered.indexOf('\n\n');
    }
  });
  stream.body.on('error', (/** @type {Error} */ error) => rpc.failAll(error));
  endpointPath = /** @type {string} */ (await endpoint);
  await rpc.request('initialize', BARE_INITIALIZE);
  rpc.notify('notifications/initialized');
  await rpc.request('tools/list');
  return {
    callTool: (name, args) => rpc.request('tools/call', { name, arguments: args }),
    async close() {
      stream.body.destroy();
      await pool.destroy();
    },
  };
}

/** @type {import('./contender.mjs').Contender} */
export const bare = {
  id: 'bare',
  label: 'bare loop',
  connect(target) {
    if (target.transport === 'stdio') return connectStdio(target, true);
    return target.transport === 'http' ? connectHttp(target.url) : connectSse(target.url);
  },
  async connectMany(targets) {
    const connections = await Promise.all(
      targets.map((target) => {
        if (target.transport !== 'stdio') throw new Error('connectMany takes stdio servers');
        return connectStdio(target, false);
      }),
    );
    return { close: async () => void (await Promise.all(connections.map((c) => c.close()))) };
  },
  // No protocol in process: the hand-written namespace is fed the lists directly.
  toolNamespace: handWrittenNamespace,
  loadQualify: async () => qualifyByHand,
};
