import { type HeadersOption, HttpErrorCode, MCPTransportError } from '@org/mcp-core';
import { RecentHeaders } from './recentHeaders.js';

type Headers = Record<string, string>;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\0\r\n]/;

/**
 * The configured headers of an exchange: a fixed set, or a function asked before every request (short-lived
 * credentials). Names are lower-cased once per set; the last two sets stay known (RecentHeaders), so a value
 * that an answer to an earlier request echoes back is scrubbed too.
 */
export class ConfiguredHeaders {
  private readonly source: (() => Headers | Promise<Headers>) | undefined;
  private readonly recent: RecentHeaders;

  constructor(
    option: HeadersOption | undefined,
    private readonly serverName: string,
    /** Told when the known values change, to rebuild what is scrubbed. */
    private readonly onChange: () => void,
  ) {
    if (typeof option === 'function') this.source = option;
    this.recent = new RecentHeaders(typeof option === 'function' ? {} : lowerCased(option ?? {}));
  }

  /** Whether there are headers every request gets (a function always counts). */
  get present(): boolean {
    return this.source !== undefined || Object.keys(this.recent.latest).length > 0;
  }

  /** Whether the set changes per request. */
  get dynamic(): boolean {
    return this.source !== undefined;
  }

  /** The values to scrub: the current set and the one before. */
  get known(): Headers[] {
    return this.recent.known;
  }

  /** The fixed set; for a function, the latest answer. */
  get latest(): Headers {
    return this.recent.latest;
  }

  /** The set for one request: the fixed one, or the function's answer, checked (HEADERS_FAILED names the header, never a value). */
  async resolve(): Promise<Headers> {
    if (!this.source) return this.recent.latest;
    let given: unknown;
    try {
      given = await this.source();
    } catch (error) {
      // Not chained as the cause: what a credential function throws may quote the credential.
      throw this.failed(`threw ${error instanceof Error ? error.name : typeof error}`);
    }
    if (typeof given !== 'object' || given === null || Array.isArray(given))
      throw this.failed('gave something that is not an object of header names and values');
    for (const [name, value] of Object.entries(given)) {
      if (!HEADER_NAME.test(name))
        throw this.failed(`gave a header name that is not valid HTTP (${JSON.stringify(name.slice(0, 40))})`);
      if (typeof value !== 'string')
        throw this.failed(`gave a value of header "${name}" that is not a string`);
      if (BAD_VALUE.test(value))
        throw this.failed(`gave a value of header "${name}" with a line break or NUL character`);
    }
    const headers = lowerCased(given as Headers);
    if (this.recent.update(headers)) this.onChange();
    return headers;
  }

  private failed(what: string): MCPTransportError {
    return new MCPTransportError(
      HttpErrorCode.HEADERS_FAILED,
      `The headers function of server "${this.serverName}" ${what}; no request was sent.`,
      { serverName: this.serverName },
    );
  }
}

function lowerCased(headers: Headers): Headers {
  const lower: Headers = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}
