/** A signal that aborts when its time is up or when any of its parents aborts; `clear()` when done. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Whether it was the time, not a parent, that aborted it. */
  readonly timedOut: boolean;
  /** Stops the timer and lets go of the parents: call it once the bounded work is over. */
  clear(): void;
}

/**
 * A deadline of `ms` combined with the parent signals. Node 20's `AbortSignal.any([…,
 * AbortSignal.timeout(ms)])` holds its sources weakly, so once GC has run a timeout nothing else
 * holds never fires; here the timer holds the controller (and the global `setTimeout` is used, so
 * fake timers drive it). The timer is unref'd, like `AbortSignal.timeout`'s: a deadline alone never
 * keeps the process alive. It aborts with a `TimeoutError` DOMException, as `AbortSignal.timeout` does.
 */
export function deadline(ms: number, ...parents: (AbortSignal | undefined)[]): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const linked = parents.filter((parent): parent is AbortSignal => parent !== undefined);
  const onParentAbort = (event: Event) => {
    done();
    controller.abort((event.target as AbortSignal).reason);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    done();
    controller.abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError'));
  }, ms);
  (timer as { unref?: () => void }).unref?.();
  function done() {
    clearTimeout(timer);
    for (const parent of linked) parent.removeEventListener('abort', onParentAbort);
  }
  for (const parent of linked) {
    if (parent.aborted) {
      done();
      controller.abort(parent.reason);
      break;
    }
    parent.addEventListener('abort', onParentAbort, { once: true });
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    clear: done,
  };
}
