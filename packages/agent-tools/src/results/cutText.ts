/** How a cut or a left-out block tells the model where the rest is. */
export type CutNote = { limit: number; referenced: boolean };

const count = (n: number) => n.toLocaleString('en-US');

/** What the model can do about what it did not get. */
export function howToGetTheRest(note: CutNote): string {
  return note.referenced
    ? 'The whole result is kept: see the reference at the end.'
    : 'To see the rest, call the tool again asking for less (a range, a page, a filter), if it can.';
}

/**
 * `text` in at most about `keep` characters: its head and its tail, and between them a marker that says how
 * much was left out, of how much, and how to get it. Head and tail get half each: the start of a file or a
 * listing and the end of a log are both where the answer tends to be.
 */
export function cutText(text: string, keep: number, note: CutNote): string {
  if (text.length <= keep) return text;
  const marker = (omitted: number) =>
    `\n[… ${count(omitted)} of ${count(text.length)} characters cut here, over the limit of ${count(note.limit)} for one result. ${howToGetTheRest(note)}]\n`;
  const side = Math.max(0, Math.floor((keep - marker(text.length).length) / 2));
  const head = unsplit(text, side);
  const tailStart = text.length - side;
  const tail = text.slice(isLowSurrogate(text, tailStart) ? tailStart + 1 : tailStart);
  return `${head}${marker(text.length - head.length - tail.length)}${tail}`;
}

/** The first `length` characters, one fewer when the last would be half of a surrogate pair. */
function unsplit(text: string, length: number): string {
  return text.slice(0, isLowSurrogate(text, length) ? length - 1 : length);
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
