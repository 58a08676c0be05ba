// Figures for the release note. Run after `pnpm build`:
//   node --expose-gc test/measure.mjs
// Prints disconnect times (well-behaved, SIGTERM-ignoring, npx-like wrapper), the client's RSS
// growth under a stderr flood, and leftover processes and fds after 200 connect/disconnect cycles.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MCPStdioClient } from '../dist/index.js';

const fixture = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const server = (name, args = [], extra = {}) => ({
  command: process.execPath,
  args: [fixture(name), ...args],
  ...extra,
});
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};
const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};
/** R, S, Z (zombie: dead, waiting for init to reap it) or 'gone'. */
const processState = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return 'gone';
  }
};
const fds = () => readdirSync('/proc/self/fd').length;
const descendants = () => {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const found = [];
  const queue = [process.pid];
  while (queue.length) {
    const current = queue.shift();
    for (const [child, parent] of parents)
      if (parent === current) {
        found.push(child);
        queue.push(child);
      }
  }
  return found;
};
const waitGone = async (check) => {
  const start = performance.now();
  while (check()) await new Promise((r) => setTimeout(r, 2));
  return performance.now() - start;
};
const ms = (n) => `${n.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeDisconnect(config, options = {}, grandchildTool) {
  const client = new MCPStdioClient(config, options);
  await client.connect();
  const pid = client.pid;
  const grandchild = grandchildTool
    ? Number((await client.callTool(grandchildTool)).content[0].text)
    : undefined;
  const start = performance.now();
  await client.disconnect();
  const disconnect = performance.now() - start;
  const leaderAlive = alive(pid);
  const grandchildState = grandchild ? processState(grandchild) : undefined;
  await new Promise((r) => setTimeout(r, 20));
  const grandchildLater = grandchild ? processState(grandchild) : undefined;
  await waitGone(() => groupAlive(pid));
  const groupGone = performance.now() - start;
  return { disconnect, leaderAlive, groupGone, grandchild, grandchildState, grandchildLater };
}

async function disconnectFigures() {
  const runs = async (n, f) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await f());
    return out;
  };
  const echo = await runs(10, () => timeDisconnect(server('echoServer.mjs')));
  console.log(
    `disconnect, well-behaved echo server (10 runs): median ${ms(median(echo.map((r) => r.disconnect)))}, max ${ms(Math.max(...echo.map((r) => r.disconnect)))}; leader alive after: ${echo.some((r) => r.leaderAlive)}`,
  );
  const stubborn = await runs(3, () => timeDisconnect(server('stubbornServer.mjs')));
  console.log(
    `disconnect, server ignoring SIGTERM and stdin EOF, default grace 5 s (3 runs): ${stubborn.map((r) => ms(r.disconnect)).join(', ')}; leader alive after: ${stubborn.some((r) => r.leaderAlive)}`,
  );
  const stubbornShort = await runs(3, () =>
    timeDisconnect(server('stubbornServer.mjs', [], { stopGracePeriod: 500 })),
  );
  console.log(
    `disconnect, same server, stopGracePeriod 500 ms (3 runs): ${stubbornShort.map((r) => ms(r.disconnect)).join(', ')}`,
  );
  const wrapper = await runs(10, () =>
    timeDisconnect(server('wrapperServer.mjs', [fixture('echoServer.mjs')]), {}, 'pid'),
  );
  console.log(
    `disconnect, npx-like wrapper + echo grandchild (10 runs): median ${ms(median(wrapper.map((r) => r.disconnect)))}; whole group gone (grandchild reaped) median ${ms(median(wrapper.map((r) => r.groupGone)))}; grandchild alive after: ${wrapper.some((r) => alive(r.grandchild))}`,
  );
  const wrapperStubborn = await runs(3, () =>
    timeDisconnect(server('wrapperServer.mjs', [fixture('stubbornServer.mjs')]), {}, 'pid'),
  );
  console.log(
    `disconnect, npx-like wrapper + SIGTERM-ignoring grandchild (3 runs): ${wrapperStubborn.map((r) => ms(r.disconnect)).join(', ')}; grandchild state right after disconnect ${wrapperStubborn.map((r) => r.grandchildState).join(', ')}, 20 ms later ${wrapperStubborn.map((r) => r.grandchildLater).join(', ')}; group gone (orphan reaped by init) after ${wrapperStubborn.map((r) => ms(r.groupGone)).join(', ')}`,
  );
}

async function floodFigures() {
  global.gc?.();
  const before = process.memoryUsage();
  let stderrBytes = 0;
  const logger = {
    trace() {},
    debug(obj) {
      if (obj?.stderr) stderrBytes += obj.stderr.length + 1;
    },
    info() {},
    warn() {},
    error() {},
    child() {
      return logger;
    },
  };
  const counted = new MCPStdioClient(server('stderrFloodServer.mjs', ['256']), { logger });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  await counted.connect();
  for (let i = 0; i < 200; i++) await counted.callTool('echo', { text: String(i) });
  const elapsed = performance.now() - start;
  clearInterval(sampler);
  global.gc?.();
  const after = process.memoryUsage();
  await counted.disconnect();
  const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `stderr flood: ${mib(stderrBytes)} of stderr read in ${ms(elapsed)} (256 MiB before the handshake + 200 calls x 1.3 MiB); client RSS ${mib(before.rss)} -> ${mib(after.rss)} (growth ${mib(after.rss - before.rss)}, peak ${mib(peak)}); heapUsed ${mib(before.heapUsed)} -> ${mib(after.heapUsed)}; tail kept ${counted.stderrTail?.length ?? 0} chars`,
  );
}

async function cycleFigures() {
  // One warm-up cycle so lazily opened fds (the event loop's, pipes of the first spawn) are counted before.
  const warm = new MCPStdioClient(server('echoServer.mjs'));
  await warm.connect();
  await warm.disconnect();
  global.gc?.();
  const fdsBefore = fds();
  const childrenBefore = descendants().length;
  const pids = [];
  const start = performance.now();
  for (let i = 0; i < 200; i++) {
    const client = new MCPStdioClient(server('echoServer.mjs'));
    await client.connect();
    pids.push(client.pid);
    await client.disconnect();
  }
  const elapsed = performance.now() - start;
  global.gc?.();
  await new Promise((r) => setTimeout(r, 100));
  console.log(
    `200 connect/disconnect cycles of the echo server: ${ms(elapsed)} (${ms(elapsed / 200)} per cycle); child processes before ${childrenBefore}, after ${descendants().length}; servers still alive ${pids.filter(alive).length}/200; open fds before ${fdsBefore}, after ${fds()}`,
  );
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
await disconnectFigures();
await floodFigures();
await cycleFigures();
