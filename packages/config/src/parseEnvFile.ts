/** One line of an env file that is not `KEY=VALUE`. Carries the line number, never the content. */
export interface EnvFileProblem {
  line: number;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;

/**
 * Reads dotenv-style text: `KEY=VALUE` lines, `#` comments, blank lines, an optional `export `,
 * values optionally in single or double quotes (double quotes understand `\n`).
 */
export function parseEnvFile(text: string): { values: Record<string, string>; problems: EnvFileProblem[] } {
  const values: Record<string, string> = {};
  const problems: EnvFileProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (/^\s*(#|$)/.test(raw)) return;
    const match = LINE.exec(raw);
    if (!match) {
      problems.push({ line: index + 1 });
      return;
    }
    const [, key = '', rawValue = ''] = match;
    let value = rawValue;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
  });
  return { values, problems };
}
