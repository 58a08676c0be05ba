import { resolve } from 'node:path';
import { HAS_NUL, printable } from './controlCharacters.js';
import { parseEnvFile } from './parseEnvFile.js';
import { toFileReadError } from './readRegularFile.js';

/** What reading one server's `envFile` needs from the server being normalised. */
export interface EnvFileContext {
  /** Directory a relative path resolves against; the process's cwd when undefined. */
  baseDir: string | undefined;
  readEnvFile: ((path: string) => string) | undefined;
  expand: (field: string, text: string, prefix?: string) => string;
  report: (field: string, message: string) => void;
  problems: () => number;
}

/** The problem a reader's error stands for, without a path; a caller's reader may throw anything. */
function describeFailure(error: unknown): string {
  const failure = toFileReadError(error);
  return failure.tooLarge ? `${failure.message} (maxEnvFileSize)` : failure.message;
}

/**
 * VS Code's `envFile`: KEY=VALUE lines, values expanded; the configured `env` wins over them.
 * Values may hold line breaks (a double-quoted `\n`, as dotenv writes a multi-line key), not NUL.
 */
export function envFileValues(envFile: string, ctx: EnvFileContext): Record<string, string> {
  const { expand, report } = ctx;
  const before = ctx.problems();
  const file = resolve(ctx.baseDir ?? '', expand('envFile', envFile));
  // Messages name the path as written: an expanded variable in it may hold a secret.
  const shown = printable(resolve(ctx.baseDir ?? '', envFile));
  if (ctx.problems() > before) return {};
  if (HAS_NUL.test(file)) {
    report('envFile', 'contains a NUL character');
    return {};
  }
  if (!ctx.readEnvFile) {
    report('envFile', 'cannot be read by parseMcpConfig alone; use loadMcpConfig or pass readEnvFile');
    return {};
  }
  let text: string;
  try {
    text = ctx.readEnvFile(file);
  } catch (error) {
    report('envFile', `${describeFailure(error)}: ${shown}`);
    return {};
  }
  const { values, problems: badLines } = parseEnvFile(text);
  for (const problem of badLines) report('envFile', `line ${problem.line} of ${shown} is not KEY=VALUE`);
  return Object.fromEntries(
    Object.entries(values).map(([key, raw]) => {
      const value = expand('envFile', raw, `${key} in ${shown}: `);
      if (HAS_NUL.test(value)) report('envFile', `${key} in ${shown}: contains a NUL character`);
      return [key, value];
    }),
  );
}
