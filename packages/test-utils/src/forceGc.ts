import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Runs a full garbage collection now, without `--expose-gc` on the command line (vitest's workers lack it). */
export function forceGc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/**
 * Collects garbage every `everyMs` until `promise` settles, then resolves with its outcome: how a
 * test shows a deadline still fires when only its own timer holds it.
 */
export async function whileCollecting<T>(promise: Promise<T>, everyMs = 5): Promise<T> {
  const timer = setInterval(forceGc, everyMs);
  try {
    return await promise;
  } finally {
    clearInterval(timer);
  }
}
