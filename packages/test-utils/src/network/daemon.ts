import { type ChildProcess, spawn } from 'node:child_process';
import { waitUntil } from '@org/mcp-demo-servers';
import { waitForPort } from './freePort.js';

/** A program started in the foreground for a test file and stopped by its pid. */
export interface Daemon {
  child: ChildProcess;
  /** What it wrote on stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `command` and resolves once it accepts connections on `port`. */
export async function startDaemon(command: string, args: string[], port: number): Promise<Daemon> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = `${command} exited (${code ?? signal}): ${output}`;
  });
  child.once('error', (error) => {
    exit = `${command} could not start: ${error.message}`;
  });
  const daemon: Daemon = {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await waitUntil(() => child.exitCode !== null || child.signalCode !== null, `${command} exit`);
    },
  };
  try {
    await waitForPort(port, () => exit);
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return daemon;
}
