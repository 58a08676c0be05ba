/** `text` cut to `max` characters, an ellipsis showing the cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** The first line of a message. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
