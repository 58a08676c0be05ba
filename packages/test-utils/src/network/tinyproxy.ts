import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from './daemon.js';
import { freePort } from './freePort.js';

export interface Tinyproxy {
  /** `http://127.0.0.1:PORT`, without credentials. */
  url: string;
  port: number;
  /** Its log: one `Request` line per request it handled (`CONNECT host:port`, `GET http://…`). */
  log(): string;
  stop(): Promise<void>;
}

/** Debian's tinyproxy on 127.0.0.1, with Basic proxy authentication when `auth` is given; started once per test file. */
export async function startTinyproxy(auth?: { user: string; password: string }): Promise<Tinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'tinyproxy-'));
  const port = await freePort();
  const logFile = join(dir, 'tinyproxy.log');
  writeFileSync(logFile, '');
  const config = join(dir, 'tinyproxy.conf');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 600',
      `LogFile "${logFile}"`,
      'LogLevel Connect',
      'MaxClients 100',
      'Allow 127.0.0.1',
      ...(auth ? [`BasicAuth ${auth.user} ${auth.password}`] : []),
      '',
    ].join('\n'),
  );
  const daemon = await startDaemon('tinyproxy', ['-d', '-c', config], port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log: () => readFileSync(logFile, 'utf8'),
    stop: () => daemon.stop(),
  };
}
