import { createRequire } from 'node:module';
import type { LoggerOptions } from 'pino';

// pino (with its worker-thread transport code) is loaded by the first createLogger(), not at import:
// the default logger is silent, and most users never make one.
const load = createRequire(import.meta.url);

/** A log method with pino's two call shapes. */
export interface LogFn {
  (obj: object, msg?: string, ...args: unknown[]): void;
  (msg: string, ...args: unknown[]): void;
}

/** The subset of pino's BaseLogger the stack uses; pass any pino logger. */
export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const noop: LogFn = () => {};

/** The default: logs nothing. */
export const silentLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};

/** Paths pino redacts in every line: header and environment values are secrets. */
export const REDACT_PATHS: readonly string[] = [
  'headers',
  '*.headers',
  'env',
  '*.env',
  'config.headers.*',
  'config.env.*',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  '["set-cookie"]',
  '*["set-cookie"]',
  'config.proxy',
  'config.passphrase',
];

/** A pino logger with the stack's redaction paths already set. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { pino } = load('pino') as typeof import('pino');
  return pino({ ...options, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } });
}
