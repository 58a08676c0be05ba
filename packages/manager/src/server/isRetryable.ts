import { ERROR_CATALOGUE, MCPConnectionError, MCPError, StdioErrorCode } from '@org/mcp-core';

/**
 * Whether connecting again after `error` could succeed: the catalogue's `retry` for each code in its cause chain,
 * and not when the server exited while starting exactly as it did on the attempt before (`previous`).
 */
export function isRetryable(error: unknown, previous?: unknown): boolean {
  for (const current of causes(error)) {
    if (!(current instanceof MCPError) || !Object.hasOwn(ERROR_CATALOGUE, current.code)) continue;
    const retry = ERROR_CATALOGUE[current.code].retry;
    const status = (current as { status?: number }).status;
    if (retry === false) return false;
    if (retry !== true && status !== undefined && retry.exceptStatus.includes(status)) return false;
  }
  const exit = startupExit(error);
  const before = startupExit(previous);
  // Exited on its own twice alike (a signal came from outside, so it proves nothing).
  return !(
    exit &&
    before &&
    exit.exitCode !== null &&
    exit.exitCode === before.exitCode &&
    exit.stderrTail === before.stderrTail
  );
}

/** A `shouldRetry` for one sequence of attempts: each failure is judged against the one before it. */
export function retryJudge(): (error: unknown) => boolean {
  let previous: unknown;
  return (error) => {
    const retryable = isRetryable(error, previous);
    previous = error;
    return retryable;
  };
}

/** The stdio server's exit that ended a connect attempt, if that is what ended it. */
export function startupExit(error: unknown): MCPConnectionError | undefined {
  for (const current of causes(error))
    if (current instanceof MCPConnectionError && current.code === StdioErrorCode.SERVER_EXITED)
      return current;
  return undefined;
}

/** An error and its causes, outermost first (a bounded walk: a cause chain may loop). */
function* causes(error: unknown): Generator<Error> {
  let current = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    yield current;
    current = current.cause;
  }
}
