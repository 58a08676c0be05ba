import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../fixtures/replica.mjs', import.meta.url));

export interface ReplicaMessage {
  type: 'ready' | 'call' | 'holding' | 'stopped';
  ok?: boolean;
  code?: string;
}

/** One replica process (test/fixtures/replica.mjs): what it said, and a way to wait for a message. */
export class Replica {
  readonly messages: ReplicaMessage[] = [];
  private readonly child: ChildProcess;
  private readonly waiters: { test: (m: ReplicaMessage) => boolean; resolve: () => void }[] = [];
  readonly exited: Promise<unknown>;

  constructor(redisUrl: string, mcpUrl: string, lockTtlMs: number) {
    this.child = spawn(process.execPath, [SCRIPT, redisUrl, mcpUrl, String(lockTtlMs)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const message = JSON.parse(line) as ReplicaMessage;
      this.messages.push(message);
      for (const waiter of [...this.waiters])
        if (waiter.test(message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
    });
  }

  /** Resolves at the first message of `type` (from now on, or already said). */
  when(type: ReplicaMessage['type']): Promise<void> {
    if (this.messages.some((m) => m.type === type)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test: (m) => m.type === type, resolve }));
  }

  tell(command: 'arm' | 'disarm' | 'stop'): void {
    this.child.stdin?.write(`${command}\n`);
  }

  calls(): ReplicaMessage[] {
    return this.messages.filter((m) => m.type === 'call');
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null)
      process.kill(this.child.pid as number, 'SIGKILL');
    await this.exited;
  }
}
