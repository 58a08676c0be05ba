import type { Logger } from '@org/mcp-core';

export interface CapturedLine {
  level: string;
  bindings: Record<string, unknown>;
  args: unknown[];
}

/** A pino-shaped logger that records every call, for asserting on logs (and on secrets absent from them). */
export function captureLogger(): { logger: Logger; lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at =
      (level: string) =>
      (...args: unknown[]) => {
        lines.push({ level, bindings, args });
      };
    return {
      trace: at('trace'),
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  // Every line, bindings and errors included (message, stack, own fields, the whole cause chain): what a secret must not be in.
  const text = () =>
    lines
      .map(
        (line) => `${line.level} ${render(line.bindings)} ${line.args.map((arg) => render(arg)).join(' ')}`,
      )
      .join('\n');
  return { logger: make({}), lines, text };
}

function render(value: unknown, seen = new Set<unknown>()): string {
  if (typeof value !== 'object' || value === null) return String(value);
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const own = Object.fromEntries(Object.entries(value));
    return `${value.name}: ${value.message} ${value.stack ?? ''} ${render(own, seen)} cause=${render(value.cause, seen)}`;
  }
  return `{${Object.entries(value)
    .map(([key, item]) => `${key}: ${render(item, seen)}`)
    .join(', ')}}`;
}
