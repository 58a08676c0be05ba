/**
 * Runs operations one after another, each once the previous one has settled. An operation that finds the
 * queue empty starts at once (synchronously), so a lone call behaves as if there were no queue.
 */
export class OperationQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.pending === 0 ? operation() : this.tail.then(operation);
    this.pending++;
    const settled = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    this.tail = settled;
    return result;
  }
}
