import { deadline } from '@org/mcp-core/internal';

/** Default bound on one Redis command, in ms: a Redis that is down fails the command instead of queueing it forever. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;

/** A Redis command failed or took too long; `reason` says how without quoting any value or reply. */
export class RedisCallFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Runs one command, bounded by `timeoutMs`. The client's own reply errors are named by their kind
 * only (`ErrorReply`, `ECONNREFUSED` …): a reply's text may quote what was sent.
 */
export async function redisCall<T>(run: () => Promise<T>, timeoutMs: number): Promise<T> {
  const bound = deadline(timeoutMs);
  const timedOut = new Promise<never>((_, reject) =>
    bound.signal.addEventListener('abort', () =>
      reject(new RedisCallFailed(`no answer from Redis within ${timeoutMs} ms`)),
    ),
  );
  try {
    return await Promise.race([run(), timedOut]);
  } catch (error) {
    if (error instanceof RedisCallFailed) throw error;
    throw new RedisCallFailed(`Redis failed (${kindOf(error)})`);
  } finally {
    bound.clear();
  }
}

function kindOf(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  const prefix = String((error as Error)?.message ?? '').match(/^[A-Z]+\b/)?.[0];
  return [typeof name === 'string' ? name : 'Error', typeof code === 'string' ? code : prefix]
    .filter(Boolean)
    .join(' ');
}
