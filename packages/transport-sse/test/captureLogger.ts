import type { LogFn, Logger } from '@org/mcp-core';

/** Renders anything a log call got, errors with their whole cause chain, as text to search for secrets. */
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

/** A pino-shaped logger at trace level that keeps every line, bindings included, as text. */
export function captureLogger(lines: string[] = [], bindings = ''): Logger & { lines: string[] } {
  const at =
    (level: string): LogFn =>
    (...args: unknown[]) => {
      lines.push(`${level} ${bindings} ${args.map((arg) => render(arg)).join(' ')}`);
    };
  return {
    lines,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => captureLogger(lines, `${bindings} ${render(more)}`),
  };
}
