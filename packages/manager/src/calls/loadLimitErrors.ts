import { ManagerErrorCode, MCPConnectionError } from '@org/mcp-core';

/** Which of a server's call limits turned a call away. */
export type CallLimitName = 'maxQueuedCalls' | 'queueTimeout';

/** A call turned away before it was sent: the server's calls and queue were full, or its turn did not come in time. */
export class MCPCallLimitError extends MCPConnectionError {
  override name = 'MCPCallLimitError';
  /** The limit that was reached, and its value. */
  readonly limit: CallLimitName;
  readonly value: number;

  constructor(serverName: string, limit: CallLimitName, value: number, maxConcurrentCalls: number) {
    const full = limit === 'maxQueuedCalls';
    super(
      full ? ManagerErrorCode.CALL_QUEUE_FULL : ManagerErrorCode.CALL_QUEUE_TIMEOUT,
      full
        ? `Server "${serverName}" has ${maxConcurrentCalls} calls in flight (maxConcurrentCalls) and ${value} waiting (maxQueuedCalls ${value}); the call was refused. Try again later or raise the limits.`
        : `A call to server "${serverName}" waited ${value} ms (queueTimeout) for a turn among its ${maxConcurrentCalls} concurrent calls (maxConcurrentCalls) and was given up.`,
      { serverName },
    );
    this.limit = limit;
    this.value = value;
  }
}

/** A call refused at once because the server's circuit breaker is open: its calls kept failing. */
export class MCPCircuitOpenError extends MCPConnectionError {
  override name = 'MCPCircuitOpenError';
  /** When a probe call will be let through (ISO 8601); now or past when a probe is already under way. */
  readonly retryAt: string;

  constructor(
    serverName: string,
    retryAt: number,
    failures: number,
    options: { probing: boolean; cause: unknown },
  ) {
    const at = new Date(retryAt).toISOString();
    const when = options.probing
      ? 'A probe call is under way; try again once it has answered.'
      : `It will be tried again at ${at}.`;
    super(
      ManagerErrorCode.CIRCUIT_OPEN,
      `Server "${serverName}" is not taking calls: its circuit breaker opened after ${failures} failed calls in a row. ${when}`,
      { serverName, cause: options.cause },
    );
    this.retryAt = at;
  }
}
