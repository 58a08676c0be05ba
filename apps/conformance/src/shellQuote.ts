/**
 * One argument quoted for /bin/sh. The suite splits `--command` on spaces and re-joins the words
 * for `sh -c`, so a quoted word must itself hold no space: paths with spaces are refused.
 */
export function shellQuote(word: string): string {
  if (/\s/.test(word)) throw new Error(`cannot pass a word with whitespace through --command: ${word}`);
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
