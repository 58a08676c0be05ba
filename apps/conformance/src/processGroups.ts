import type { ChildProcess } from 'node:child_process';

/**
 * The process groups of the suite runs under way. Each suite run leads its own group, and the
 * client it starts (through `sh -c`) stays in it, so one signal to the group ends them all.
 */
const live = new Set<number>();

export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone
  }
}

/** Tracks a detached child's group until `release`; the group is killed then, so no straggler outlives it. */
export function trackGroup(child: ChildProcess): () => void {
  const pid = child.pid;
  if (pid === undefined) return () => {};
  live.add(pid);
  return () => {
    killGroup(pid);
    live.delete(pid);
  };
}

function killAll(): void {
  for (const pid of live) killGroup(pid);
  live.clear();
}

let installed = false;

/** On Ctrl-C, SIGTERM or any exit of the runner, every group still running is killed. */
export function killGroupsOnExit(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}
