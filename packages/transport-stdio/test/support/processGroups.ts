import { readFileSync } from 'node:fs';
import { isGroupAlive, waitUntil } from '@org/test-utils';
import { afterEach } from 'vitest';

/** The process group of a live pid (Linux /proc). */
export function pgidOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/**
 * Remembers the process groups a test started and asserts that none of their processes is left.
 * `waitUntil` allows for the kernel reaping a SIGKILLed orphan; it never measures speed.
 */
export function processGroups() {
  const groups = new Set<number>();
  return {
    add(pgid: number | undefined): number {
      if (pgid === undefined) throw new Error('no pid: the server is not running');
      groups.add(pgid);
      return pgid;
    },
    async expectAllGone(): Promise<void> {
      for (const pgid of groups)
        await waitUntil(() => !isGroupAlive(pgid), `process group ${pgid} to be gone`);
      groups.clear();
    },
    /** After each test: `stop` what it made, check that its groups are gone, SIGKILL any that is not. */
    stopAfterEach(stop: () => Promise<unknown>): void {
      afterEach(async () => {
        await stop();
        try {
          await this.expectAllGone();
        } finally {
          this.killLeftovers();
        }
      });
    },
    /** Last resort so a failing test does not leak: SIGKILL what is left of our groups. */
    killLeftovers(): void {
      for (const pgid of groups) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    },
  };
}
