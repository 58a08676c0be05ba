import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { JSONRPCMessage, Transport } from '../../src/index.js';

/**
 * A real server as a subprocess, for core's own tests: newline-delimited JSON on its stdio. Core
 * cannot use @org/mcp-transport-stdio (that package depends on core); this is the least of it.
 */
export class ChildProcessTransport implements Transport {
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  private child: ChildProcess | undefined;

  constructor(private readonly args: string[]) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, this.args, { stdio: ['pipe', 'pipe', 'ignore'] });
    this.child = child;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.trim()) this.onmessage?.(JSON.parse(line));
    });
    child.on('exit', () => {
      if (this.child === child) this.onclose?.(new Error('the server exited'));
    });
    await once(child, 'spawn');
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.child?.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}
