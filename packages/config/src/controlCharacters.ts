/** Node's spawn refuses NUL in a command, its args, cwd and env, with an error that quotes the value. */
export const HAS_NUL = /\0/;

/**
 * Refused in env names and in header values: NUL as above, and line breaks, which split an HTTP header (the seed
 * format sends `env` as headers) or name no variable anyone can read. An env value may hold them (a PEM key).
 */
export const HAS_NUL_CR_LF = /[\0\r\n]/;

/** A key or path as a message shows it: JSON-quoted when it holds NUL, CR or LF, so a message stays one line. */
export function printable(text: string): string {
  return HAS_NUL_CR_LF.test(text) ? JSON.stringify(text) : text;
}
