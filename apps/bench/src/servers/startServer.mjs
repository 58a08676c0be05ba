import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The lean stdio server, as a command line. */
export const stdioServer = {
  command: process.execPath,
  args: [fileURLToPath(new URL('./stdioServer.mjs', import.meta.url))],
};

/** A stdio server that exits at once, always alike, as a command line. */
export const brokenServer = {
  command: process.execPath,
  args: [fileURLToPath(new URL('./exitAtOnce.mjs', import.meta.url))],
};

/**
 * @typedef {object} RunningServer
 * @property {string} url the MCP endpoint (Streamable HTTP) or the SSE stream URL
 * @property {() => Promise<void>} close stops the process and waits for it to exit
 */

/**
 * Starts the lean HTTP or SSE server in its own process (so it does not share the client's
 * event loop), on 127.0.0.1 and an ephemeral port.
 * @param {'http' | 'sse'} kind
 * @returns {Promise<RunningServer>}
 */
export async function startServer(kind) {
  const file = fileURLToPath(
    new URL(kind === 'http' ? './httpServer.mjs' : './sseServer.mjs', import.meta.url),
  );
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /LISTENING (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`lean ${kind} server exited with code ${code} before listening`)),
    );
  });
  return {
    url: kind === 'http' ? `http://127.0.0.1:${port}/mcp` : `http://127.0.0.1:${port}/sse`,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
