import { MCPTransportError } from '@org/mcp-core';
import {
  captureLogger,
  type Haproxy,
  type RunningHttpServer,
  startEverything,
  startHaproxy,
} from '@org/test-utils';
import { CookieJar } from 'tough-cookie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MCPHttpClient } from '../src/index.js';

// A real haproxy, round robin per request with `cookie SRV insert`, in front of two server-everything processes:
// each keeps its handshake-era sessions in memory, so a session's requests must all reach the replica that made it.
let replicas: (RunningHttpServer & { url: string })[];
let balancer: Haproxy;
let client: MCPHttpClient | undefined;

beforeAll(async () => {
  replicas = await Promise.all([startEverything('streamableHttp'), startEverything('streamableHttp')]);
  balancer = await startHaproxy(replicas.map((replica) => replica.port));
}, 120_000);
afterAll(async () => {
  await balancer?.stop();
  await Promise.all(replicas?.map((replica) => replica.close()) ?? []);
});
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

const url = () => `${balancer.origin}/mcp`;
/** The replicas that served the POSTs logged after the first `from` log lines. */
const postsSince = (from: number) =>
  balancer
    .served()
    .slice(from)
    .filter((line) => line.request.startsWith('POST'));

describe('a sticky balancer in front of two replicas', () => {
  it('without the cookie jar, the session breaks on the other replica', async () => {
    client = new MCPHttpClient({ transport: 'http', url: url(), cookies: false }, { name: 'balanced' });
    const error = await client
      .connect()
      .then(async () => client?.getTools())
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(MCPTransportError);
    expect((error as MCPTransportError).code).toMatch(/HTTP_STATUS|SESSION_LOST/);
  });

  it('with it (the default), every call of a session lands on its replica, and cookie values are in no log', async () => {
    const log = captureLogger();
    for (let round = 0; round < 2; round++) {
      const from = balancer.served().length;
      client = new MCPHttpClient({ transport: 'http', url: url() }, { name: 'balanced', logger: log.logger });
      await client.connect();
      for (let call = 0; call < 5; call++) {
        const result = await client.callTool('echo', { message: `call ${call}` });
        expect(result.isError).toBeFalsy();
      }
      await client.disconnect();
      client = undefined;
      const replicasServed = new Set(postsSince(from).map((line) => line.replica));
      expect(postsSince(from).length).toBeGreaterThanOrEqual(7);
      expect(replicasServed.size).toBe(1);
    }
    expect(log.text()).not.toMatch(/SRV=r\d/);
  });

  it('takes a tough-cookie CookieJar to share, which sees the balancer cookie', async () => {
    const jar = new CookieJar();
    client = new MCPHttpClient(
      { transport: 'http', url: url() },
      { name: 'balanced', network: { cookies: jar } },
    );
    await client.connect();
    expect((await client.callTool('echo', { message: 'shared' })).isError).toBeFalsy();
    expect(jar.getCookieStringSync(url())).toMatch(/^SRV=r[01]$/);
  });
});
