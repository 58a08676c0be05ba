import { signalProcessTree } from './signalProcessTree.js';

const HOST_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type HostSignal = (typeof HOST_SIGNALS)[number];

const live = new Set<number>();
let installed = false;

function killAll(): void {
  for (const pid of live) signalProcessTree(pid, 'SIGKILL');
  live.clear();
}

function onExit(): void {
  killAll();
}

/**
 * The host got SIGINT/SIGTERM. If the host handles it itself (it added a listener), it decides
 * how to shut down, and `exit` cleans up after it. Otherwise the signal would have killed the
 * host: kill the servers, then let the signal do what it would have done.
 */
function onSignal(signal: HostSignal): void {
  if (process.listenerCount(signal) > 1) return;
  killAll();
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  for (const signal of HOST_SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  for (const signal of HOST_SIGNALS) process.off(signal, onSignal);
}

/**
 * Servers still running in this process: when the host exits (or dies of SIGINT/SIGTERM it does
 * not handle itself) their process trees get SIGKILL synchronously, so a host that forgot
 * `disconnect` leaves no orphans. Hooks are installed only while a server is registered.
 */
export const liveProcessRegistry = {
  add(pid: number): void {
    live.add(pid);
    install();
  },
  delete(pid: number): void {
    live.delete(pid);
    if (live.size === 0) uninstall();
  },
  /** Pids of the servers registered now. */
  pids(): number[] {
    return [...live];
  },
};
