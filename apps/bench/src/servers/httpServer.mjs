// Lean MCP server over Streamable HTTP: every POST answered with one JSON body, no server-initiated stream.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { leanAnswerBody } from './leanAnswer.mjs';
import { readBody } from './readBody.mjs';

const server = http.createServer(async (req, res) => {
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
