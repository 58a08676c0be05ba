import { startRedisServer, type TestRedisServer } from '@org/test-utils';
import { createClient } from '@redis/client';
import { afterAll, beforeAll } from 'vitest';

const clientFor = (url: string | undefined) =>
  // Reconnects every 50 ms while the server is away (the restart tests).
  createClient({ url, socket: { reconnectStrategy: () => 50 } });
export type TestConnection = ReturnType<typeof clientFor>;

/** One real redis-server for the test file, and a connected client to it; both gone after the file. */
export function useRedis(options: { persistent?: boolean } = {}): {
  server: () => TestRedisServer;
  connection: () => TestConnection;
  connect: () => Promise<TestConnection>;
} {
  let server: TestRedisServer | undefined;
  const clients: TestConnection[] = [];
  const connect = async () => {
    const client = clientFor(server?.url);
    // A client whose server went away reports it here; the stores report their own typed errors.
    client.on('error', () => {});
    clients.push(client);
    await client.connect();
    return client;
  };
  beforeAll(async () => {
    server = await startRedisServer(options);
    await connect();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.close();
  });
  return {
    server: () => server as TestRedisServer,
    connection: () => clients[0] as TestConnection,
    connect,
  };
}
