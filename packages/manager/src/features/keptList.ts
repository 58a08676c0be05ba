/**
 * One server's list of one kind (resources, templates, prompts), read once and kept until the server says it
 * changed. A change while a listing is on its way makes that listing stale: only the newest one is kept.
 */
export class KeptList<T> {
  private items: readonly T[] | undefined;
  private loading: Promise<readonly T[]> | undefined;
  private generation = 0;

  constructor(private readonly fetch: () => Promise<readonly T[]>) {}

  /** The kept list, or a listing (one at a time); a failed listing is not kept. */
  get(): Promise<readonly T[]> {
    if (this.items) return Promise.resolve(this.items);
    this.loading ??= this.load();
    return this.loading;
  }

  /** The server said the list changed: forget it, and list again at once if it had been listed (the swap). */
  async changed(): Promise<void> {
    const listed = this.items !== undefined || this.loading !== undefined;
    this.generation++;
    this.items = undefined;
    this.loading = undefined;
    if (listed) await this.get();
  }

  private load(): Promise<readonly T[]> {
    const generation = this.generation;
    const loading = this.fetch().then(
      (items) => {
        if (generation === this.generation) {
          this.items = items;
          this.loading = undefined;
        }
        return items;
      },
      (error: unknown) => {
        if (generation === this.generation) this.loading = undefined;
        throw error;
      },
    );
    return loading;
  }
}
