/** pino's call shapes, as @org/mcp-core's Logger has them (structural: test-utils cannot depend on core). */
interface LogFn {
  (obj: object, msg?: string, ...args: unknown[]): void;
  (msg: string, ...args: unknown[]): void;
}

export interface CapturingLogger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): CapturingLogger;
}

export interface CapturedLine {
  level: string;
  bindings: Record<string, unknown>;
  args: unknown[];
}

/** A pino-shaped logger that records every call, for asserting on logs (and on secrets absent from them). */
export function captureLogger(): { logger: CapturingLogger; lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  const make = (bindings: Record<string, unknown>): CapturingLogger => {
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
  const text = () =>
    JSON.stringify(lines, (_key, value) =>
      value instanceof Error
        ? {
            name: value.name,
            message: value.message,
            code: (value as { code?: string }).code,
            cause: value.cause,
          }
        : value,
    );
  return { logger: make({}), lines, text };
}
