import { readdirSync, readFileSync } from 'node:fs';

/** The argument that tags a fixture process with the manager's name for it, so /proc tells whose it is. */
export const serverTag = (name: string): string => `--server=${name}`;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // The process ended while we read.
  }
}

/** This process's live (not zombie) children, by the server name they were tagged with (Linux /proc). */
export function liveServers(): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  for (const task of readdirSync('/proc/self/task')) {
    for (const child of (read(`/proc/self/task/${task}/children`) ?? '').split(' ').filter(Boolean)) {
      const stat = read(`/proc/${child}/stat`);
      if (!stat || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      const tag = (read(`/proc/${child}/cmdline`) ?? '')
        .split('\0')
        .find((arg) => arg.startsWith('--server='));
      if (!tag) continue;
      const name = tag.slice('--server='.length);
      byName.set(name, [...(byName.get(name) ?? []), Number(child)]);
    }
  }
  return byName;
}

/**
 * Samples the live server processes every few ms and records each moment two of one name ran at once.
 * Stop it with the returned function, which gives the violations seen.
 */
export function watchForOverlaps(): () => string[] {
  const seen: string[] = [];
  const sample = () => {
    for (const [name, pids] of liveServers())
      if (pids.length > 1) seen.push(`${name}: ${pids.length} processes at once (${pids.join(', ')})`);
  };
  const timer = setInterval(sample, 3);
  return () => {
    clearInterval(timer);
    sample();
    return [...new Set(seen)];
  };
}
