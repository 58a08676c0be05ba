import { CoreErrorCode } from '../errors/errorCodes.js';
import { JSONRPC_ERROR, MCPConfigError, MCPProtocolError } from '../errors/errors.js';
import type { RequestHandler } from './requestHandlers.js';

/** A place the server may work in: a `file://` URI and a name for people. */
export interface Root {
  uri: string;
  name?: string;
  _meta?: Record<string, unknown>;
}

/** The roots a client offers: a list, or a function asked at every `roots/list`. */
export type RootsSource = readonly Root[] | (() => readonly Root[] | Promise<readonly Root[]>);

/** Roots a client answers with at most, so that a runaway function cannot flood the server. */
const MAX_ROOTS = 10_000;

/**
 * One client's roots: answers `roots/list` from the source and remembers what it answered, so that
 * `changed()` can tell whether the source now gives another list than the one the server last got.
 */
export class ClientRoots {
  /** The last list answered on any connection, as JSON; undefined until the server first asks. */
  private told: string | undefined;

  /** A list is checked at once (MCPConfigError naming the root); a function's answers at each `roots/list`. */
  constructor(private readonly source: RootsSource) {
    const problem = typeof source === 'function' ? undefined : problemOf(source);
    if (problem)
      throw new MCPConfigError('The roots option is not a list of roots.', {
        issues: [{ path: `roots${problem.path}`, message: problem.message }],
      });
  }

  readonly handler: RequestHandler = async () => {
    const roots = await this.current();
    this.told = JSON.stringify(roots);
    return { roots };
  };

  /** Whether the source's list differs from the one the server last got; false while it never asked. */
  async changed(): Promise<boolean> {
    if (this.told === undefined) return false;
    return JSON.stringify(await this.current()) !== this.told;
  }

  private async current(): Promise<Root[]> {
    const roots = typeof this.source === 'function' ? await this.source() : this.source;
    const problem = problemOf(roots);
    if (problem) invalid(`answered roots${problem.path} that ${problem.message}`);
    return roots.map((root) => ({
      uri: root.uri,
      ...(typeof root.name === 'string' && { name: root.name }),
      ...(root._meta !== undefined && { _meta: root._meta }),
    }));
  }
}

/** What is wrong with a list of roots, and where; undefined when nothing is. */
function problemOf(roots: readonly Root[]): { path: string; message: string } | undefined {
  if (!Array.isArray(roots) || roots.length > MAX_ROOTS)
    return { path: '', message: `must be an array of at most ${MAX_ROOTS} roots` };
  const at = roots.findIndex((root) => typeof root?.uri !== 'string' || !root.uri.startsWith('file://'));
  return at < 0 ? undefined : { path: `.${at}.uri`, message: 'must be a file:// URI' };
}

function invalid(what: string): never {
  throw new MCPProtocolError(CoreErrorCode.INVALID_HANDLER_RESULT, `The roots function ${what}.`, {
    rpcCode: JSONRPC_ERROR.INTERNAL_ERROR,
  });
}
