// Lean MCP server over the legacy HTTP+SSE transport: GET /sse opens the stream and names the
// POST endpoint; each POST is accepted with 202 and its answer goes down the stream.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { leanAnswerBody } from './leanAnswer.mjs';
import { readBody } from './readBody.mjs';

/** @type {Map<string, import('node:http').ServerResponse>} */
const streams = new Map();

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/sse') {
    const sessionId = randomUUID();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(`event: endpoint\ndata: /messages?sessionId=${sessionId}\n\n`);
    streams.set(sessionId, res);
    req.on('close', () => streams.delete(sessionId));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/messages') {
    const stream = streams.get(url.searchParams.get('sessionId') ?? '');
    if (!stream) {
      res.writeHead(404).end('unknown session');
      return;
    }
    const answer = leanAnswerBody(JSON.parse(await readBody(req)));
    res.writeHead(202).end('Accepted');
    if (answer !== undefined) send(stream, answer);
    return;
  }
  res.writeHead(404).end();
});

/**
 * Writes an event, corking the stream for the rest of the tick so a burst of answers leaves in one write.
 * @param {import('node:http').ServerResponse} stream
 * @param {unknown} answer
 */
function send(stream, answer) {
  if (stream.writableCorked === 0) {
    stream.cork();
    process.nextTick(() => stream.uncork());
  }
  stream.write(`event: message\ndata: ${JSON.stringify(answer)}\n\n`);
}

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`LISTENING ${address.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
