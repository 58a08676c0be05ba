import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from './daemon.js';
import { freePort } from './freePort.js';

export interface Haproxy {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The replica (`r0`, `r1`, …) that served each request, in order, with its method and path. */
  served(): { replica: string; request: string }[];
  stop(): Promise<void>;
}

/**
 * Debian's haproxy on 127.0.0.1, round robin over `backends` (ports on 127.0.0.1) per request, with cookie
 * stickiness (`cookie SRV insert`): a client that sends the cookie back stays on its replica. Logs each request
 * to stdout, which `served()` reads.
 */
export async function startHaproxy(backends: number[]): Promise<Haproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-'));
  const port = await freePort();
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  log stdout format raw local0',
      'defaults',
      '  mode http',
      '  log global',
      '  option httplog',
      '  timeout connect 10s',
      '  timeout client 10m',
      '  timeout server 10m',
      'frontend mcp',
      `  bind 127.0.0.1:${port}`,
      '  default_backend replicas',
      'backend replicas',
      '  balance roundrobin',
      '  cookie SRV insert indirect nocache',
      ...backends.map((backend, index) => `  server r${index} 127.0.0.1:${backend} cookie r${index}`),
      '',
    ].join('\n'),
  );
  const daemon = await startDaemon('haproxy', ['-db', '-f', config], port);
  return {
    origin: `http://127.0.0.1:${port}`,
    served: () =>
      [...daemon.output().matchAll(/ replicas\/(r\d+) .*"([A-Z]+ \S+)/g)].map((match) => ({
        replica: match[1] as string,
        request: match[2] as string,
      })),
    stop: () => daemon.stop(),
  };
}
