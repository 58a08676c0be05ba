// Cold import: a fresh process imports ours (the manager; the stdio, HTTP and SSE transports alone) or the
// official SDK's Client + StdioClientTransport. CPU of the import and the process's peak RSS.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */

const child = fileURLToPath(new URL('./coldImportChild.mjs', import.meta.url));

/** @param {'manager' | 'sdk' | 'stdio' | 'http' | 'sse'} what */
async function coldImport(what) {
  const { stdout } = await promisify(execFile)(process.execPath, [child, what]);
  return /** @type {{ cpuMs: number, rssMiB: number }} */ (JSON.parse(stdout));
}

/** @returns {Scenario} */
export function coldImportScenario() {
  return {
    id: 'import.cold',
    title: 'cold import in a fresh process: the manager vs SDK Client + StdioClientTransport',
    transport: 'memory',
    contenders: ['sdk', 'ours'],
    metrics: [
      { key: 'cpuMs', label: 'import CPU ms', better: 'lower', kind: 'memory' },
      { key: 'rssMiB', label: 'peak RSS MiB', better: 'lower', kind: 'memory' },
      {
        key: 'stdioCpuMs',
        label: 'transport-stdio CPU ms',
        better: 'lower',
        kind: 'memory',
        contenders: ['ours'],
      },
      {
        key: 'stdioRssMiB',
        label: 'transport-stdio RSS MiB',
        better: 'lower',
        kind: 'memory',
        contenders: ['ours'],
      },
      {
        key: 'httpCpuMs',
        label: 'transport-http CPU ms',
        better: 'lower',
        kind: 'memory',
        contenders: ['ours'],
      },
      {
        key: 'httpRssMiB',
        label: 'transport-http RSS MiB',
        better: 'lower',
        kind: 'memory',
        contenders: ['ours'],
      },
      {
        key: 'sseCpuMs',
        label: 'transport-sse CPU ms',
        better: 'lower',
        kind: 'memory',
        contenders: ['ours'],
      },
      {
        key: 'sseRssMiB',
        label: 'transport-sse RSS MiB',
        better: 'lower',
        kind: 'memory',
        contenders: ['ours'],
      },
    ],
    // The runner interleaves the SDK's process and ours each repetition; ours runs its four imports in turn.
    run: async (contender) => {
      if (contender.id === 'sdk') return coldImport('sdk');
      const manager = await coldImport('manager');
      const stdio = await coldImport('stdio');
      const http = await coldImport('http');
      const sse = await coldImport('sse');
      return {
        ...manager,
        stdioCpuMs: stdio.cpuMs,
        stdioRssMiB: stdio.rssMiB,
        httpCpuMs: http.cpuMs,
        httpRssMiB: http.rssMiB,
        sseCpuMs: sse.cpuMs,
        sseRssMiB: sse.rssMiB,
      };
    },
  };
}
