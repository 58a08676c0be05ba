import type { Logger } from '@org/mcp-core';

/** Values shorter than this are not searched for: they would match ordinary words, and protect little. */
const MIN_SECRET_LENGTH = 4;

/**
 * A user's variable values as they may come back in text a connection makes (a URL in an error message, a
 * log line): each replaced by its reference, `${user:NAME}`. Errors are scrubbed in place (message, stack,
 * causes), so the same error seen in an event, the status and a rejected call says the same.
 */
export class UserSecrets {
  private readonly values: Array<[reference: string, value: string]>;

  constructor(used: ReadonlyMap<string, string>) {
    this.values = [...used]
      .filter(([, value]) => value.length >= MIN_SECRET_LENGTH)
      // The longest first: a value that holds another is replaced whole.
      .sort(([, a], [, b]) => b.length - a.length)
      .map(([name, value]) => [`\${user:${name}}`, value]);
  }

  text(text: string): string {
    let out = text;
    for (const [reference, value] of this.values) out = out.split(value).join(reference);
    return out;
  }

  error<T>(error: T): T {
    let current: unknown = error;
    for (let depth = 0; current instanceof Error && depth < 8; depth++) {
      current.message = this.text(current.message);
      if (current.stack) current.stack = this.text(current.stack);
      current = current.cause;
    }
    return error;
  }

  /** A logger that scrubs its lines' text and errors before they reach `logger`. */
  logger(logger: Logger): Logger {
    if (this.values.length === 0) return logger;
    const scrub = (arg: unknown): unknown => {
      if (typeof arg === 'string') return this.text(arg);
      if (arg instanceof Error) return this.error(arg);
      if (arg && typeof arg === 'object' && 'err' in arg) this.error((arg as { err: unknown }).err);
      return arg;
    };
    const wrap =
      (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') =>
      (...args: unknown[]) =>
        (logger[level] as (...a: unknown[]) => void)(...args.map(scrub));
    return {
      trace: wrap('trace'),
      debug: wrap('debug'),
      info: wrap('info'),
      warn: wrap('warn'),
      error: wrap('error'),
      child: (bindings) => this.logger(logger.child(bindings)),
    };
  }
}
