import type { ServerStatus } from '@org/mcp-manager';

/**
 * One line per server while connecting: redrawn in place on a terminal, plain lines otherwise.
 * connecting → connected in N ms / failed: reason.
 */
export class ProgressDisplay {
  private readonly lines = new Map<string, string>();
  private readonly startedAt = new Map<string, number>();
  private drawn = 0;
  private live = false;
  private finished = false;

  constructor(
    private readonly names: string[],
    private readonly out: NodeJS.WriteStream,
  ) {}

  start(status: Record<string, ServerStatus>): void {
    for (const name of this.names)
      this.lines.set(name, status[name]?.enabled ? 'waiting' : 'disabled (skipped)');
    this.live = this.out.isTTY === true;
    if (this.live) this.draw();
    else
      for (const name of this.names)
        if (!status[name]?.enabled) this.out.write(`${name}: disabled (skipped)\n`);
  }

  update(name: string, state: string, error?: Error): void {
    if (this.finished) return;
    if (state === 'connecting') this.startedAt.set(name, performance.now());
    const ms = Math.round(performance.now() - (this.startedAt.get(name) ?? performance.now()));
    const text =
      state === 'connected'
        ? `connected in ${ms} ms`
        : state === 'failed'
          ? `failed: ${(error?.message ?? 'unknown').split('\n')[0]}`
          : state;
    if (!this.lines.has(name) || this.lines.get(name) === text) return;
    this.lines.set(name, text);
    if (this.live) this.draw();
    else this.out.write(`${name}: ${text}\n`);
  }

  /** Stops showing changes; the status table takes over. */
  finish(): void {
    this.finished = true;
  }

  private draw(): void {
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A`);
    const width = Math.max(...this.names.map((n) => n.length));
    for (const name of this.names)
      this.out.write(`\x1b[2K  ${name.padEnd(width)}  ${this.lines.get(name)}\n`);
    this.drawn = this.names.length;
  }
}
