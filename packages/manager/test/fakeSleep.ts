/**
 * A fake clock for the manager's injectable `sleep`: waits resolve only when `advance` passes their deadline,
 * so idle timeouts expire when a test says, never with the wall clock.
 */
export function fakeSleep() {
  let now = 0;
  const waits = new Set<{ at: number; resolve: () => void }>();
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const wait = { at: now + ms, resolve };
      waits.add(wait);
      signal?.addEventListener(
        'abort',
        () => {
          waits.delete(wait);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  /** Moves the clock on by `ms`, resolving every wait now due, then lets their continuations run. */
  const advance = async (ms: number) => {
    now += ms;
    for (const wait of [...waits])
      if (wait.at <= now) {
        waits.delete(wait);
        wait.resolve();
      }
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { sleep, advance, pending: () => waits.size };
}
