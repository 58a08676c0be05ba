// Lean MCP server over Streamable HTTP: every POST answered with one JSON body, no server-initiated stream.
// `/mcp-auth` is the same server behind OAuth: it wants `Bearer bench-token` and publishes the
// protected resource and authorization server metadata a client discovers after its 401.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { leanAnswerBody } from './leanAnswer.mjs';
import { readBody } from './readBody.mjs';

export const BENCH_TOKEN = 'bench-token';

/**
 * The OAuth side of `/mcp-auth`: true when the request was answered here (metadata or a 401).
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function authAnswered(req, res) {
  const origin = `http://${req.headers.host}`;
  /** @type {Record<string, unknown>} */
  const metadata = {
    '/.well-known/oauth-protected-resource/mcp-auth': {
      resource: `${origin}/mcp-auth`,
      authorization_servers: [origin],
    },
    '/.well-known/oauth-authorization-server': {
      issuer: origin,
      token_endpoint: `${origin}/token`,
      authorization_endpoint: `${origin}/authorize`,
    },
  };
  const document = metadata[req.url ?? ''];
  if (document) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    return true;
  }
  if (req.url !== '/mcp-auth' || req.headers.authorization === `Bearer ${BENCH_TOKEN}`) return false;
  const prm = `${origin}/.well-known/oauth-protected-resource/mcp-auth`;
  res.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${prm}"` }).end();
  return true;
}

const server = http.createServer(async (req, res) => {
  if (authAnswered(req, res)) return;
  if (req.method === 'DELETE') {
    res.writeHead(200).end();
    return;
  }
  if (req.method !== 'POST') {
    // No standalone GET stream: the spec allows 405 and every client must accept it.
    res.writeHead(405, { allow: 'POST, DELETE' }).end();
    return;
  }
  const body = JSON.parse(await readBody(req));
  const answer = leanAnswerBody(body);
  if (answer === undefined) {
    res.writeHead(202).end();
    return;
  }
  const json = JSON.stringify(answer);
  /** @type {Record<string, string | number>} */
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) };
  if (!Array.isArray(body) && body.method === 'initialize') headers['mcp-session-id'] = randomUUID();
  res.writeHead(200, headers).end(json);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`LISTENING ${address.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
