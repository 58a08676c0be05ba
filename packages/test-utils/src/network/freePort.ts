import { createConnection, createServer } from 'node:net';

/** A port free on 127.0.0.1 now, for a program that needs one named in its config (tinyproxy, haproxy). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:port; rejects when `exited` says the program is gone. */
export async function waitForPort(
  port: number,
  exited: () => string | undefined,
  timeout = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const why = exited();
    if (why !== undefined) throw new Error(why);
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
