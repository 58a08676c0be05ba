/**
 * Runs `work` over `items`, at most `jobs` at a time, handing each result to `done` in the items'
 * order (so the printed table does not depend on which run finished first).
 */
export async function inOrderPool<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T) => Promise<R>,
  done: (item: T, result: R) => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const finished: boolean[] = new Array(items.length).fill(false);
  let next = 0;
  let printed = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
      finished[index] = true;
      while (printed < items.length && finished[printed]) {
        done(items[printed]!, results[printed]!);
        printed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
