/**
 * Characters cmd.exe acts on in a command line: each is escaped with a caret. `%` among them, so `%VAR%` is never
 * expanded (cmd looks for the variable `VAR^` and leaves the text), and the quotes, so cmd sees no quoted span in
 * which a caret would be literal.
 */
const CMD_META = /[()[\]%!^"`<>&|;, *?]/g;

/** Characters no escaping carries through cmd.exe: a line break ends the command, NUL ends the string. */
export const UNSAFE_FOR_CMD = /[\r\n\0]/;

/** A program path for a cmd.exe command line. */
export function cmdCommand(path: string): string {
  return path.replace(CMD_META, '^$&');
}

/**
 * One argument for a program started through cmd.exe: first quoted as the C runtime reads a command line
 * (backslashes doubled before a quote and at the end, quotes escaped), then every cmd metacharacter escaped, `twice`
 * for a batch file that hands its arguments on with `%*` (cmd parses them again there). The rules of
 * https://qntm.org/cmd, as cross-spawn applies them.
 */
export function cmdArgument(arg: string, twice: boolean): string {
  let quoted = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === '\\') {
      backslashes++;
      continue;
    }
    quoted += char === '"' ? `${'\\'.repeat(backslashes * 2 + 1)}"` : `${'\\'.repeat(backslashes)}${char}`;
    backslashes = 0;
  }
  quoted += `${'\\'.repeat(backslashes * 2)}"`;
  const once = quoted.replace(CMD_META, '^$&');
  return twice ? once.replace(CMD_META, '^$&') : once;
}
