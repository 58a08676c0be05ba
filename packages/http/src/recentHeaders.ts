type Headers = Record<string, string>;

/**
 * The last two sets of headers one source gave (a configured headers function, an auth provider). An
 * error may answer a request sent just before the set changed, so the set before stays known, to be
 * scrubbed too. Sets are told apart by their values, the part that is scrubbed.
 */
export class RecentHeaders {
  private current: Headers;
  private previous: Headers = {};
  private key: string;

  constructor(initial: Headers = {}) {
    this.current = initial;
    this.key = valuesKey(initial);
  }

  /** The latest set. */
  get latest(): Headers {
    return this.current;
  }

  /** The latest set and the one before. */
  get known(): Headers[] {
    return [this.current, this.previous];
  }

  /** Takes `headers` as the latest set when its values differ from the latest's; says whether they did. */
  update(headers: Headers): boolean {
    // A source that hands back the same object while its values stand costs no comparison at all.
    if (headers === this.current) return false;
    const key = valuesKey(headers);
    if (key === this.key) return false;
    this.key = key;
    this.previous = this.current;
    this.current = headers;
    return true;
  }
}

function valuesKey(headers: Headers): string {
  return Object.values(headers).join('\n');
}
