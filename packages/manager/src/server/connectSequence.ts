import type { MCPClient, MCPError, MCPServerConfig } from '@org/mcp-core';
import { retry } from '@org/mcp-core/internal';
import type { ConnectServerOptions } from '../managerOptions.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import type { ClientHolder } from './clientHolder.js';
import { connectRetries } from './connectRetries.js';
import type { ConnectTurns } from './connectTurns.js';
import type { CurrentWork } from './currentWork.js';
import { openClient } from './openClient.js';
import type { OperationQueue } from './operationQueue.js';
import type { RestartSupervisor } from './restartSupervisor.js';
import { asMCPError } from './serverErrors.js';
import type { StateReason } from './serverStatus.js';
import type { ServerAction, ServerRecord } from './serverTransition.js';

/** What a server's connect and restart sequences read of it and tell it: the server's own parts, lent. */
export interface ConnectContext {
  readonly record: ServerRecord;
  readonly supervisor: RestartSupervisor;
  readonly queue: OperationQueue;
  readonly name: string;
  readonly config: MCPServerConfig;
  readonly options: ResolvedOptions;
  /** The options its clients open with (its OAuth provider as `auth`). */
  readonly openOptions: ResolvedOptions;
  readonly turns: ConnectTurns;
  readonly work: CurrentWork;
  readonly holder: ClientHolder;
  dispatch(action: ServerAction): void;
  fail(error: MCPError): void;
  /** The live client went away by itself. */
  closed(client: MCPClient, reason: Error | undefined): void;
  /** Its tools changed (a client came or went, or listed new ones): tells the manager. */
  toolsChanged(): void;
}

/** Connects with retries and backoff, `work` owning it: aborted by a later operation, that one owns the state. */
export async function connectWithRetry(
  server: ConnectContext,
  work: AbortController,
  options: ConnectServerOptions,
  reason?: StateReason,
): Promise<MCPClient> {
  const signal = options.signal ? AbortSignal.any([work.signal, options.signal]) : work.signal;
  signal.throwIfAborted();
  const why = reason && { reason, at: new Date().toISOString() };
  server.dispatch({ type: 'sequence', state: 'connecting', ...why });
  const retries = connectRetries(server.options, options, signal, ({ attempt, error, delay }) => {
    server.dispatch({ type: 'attemptFailed', error: asMCPError(error, server.name) });
    server.options.logger.warn(
      { server: server.name, attempt, delay, err: error },
      'connect failed; retrying',
    );
  });
  try {
    return await retry(() => connectOnce(server, signal), retries);
  } catch (error) {
    if (server.work.owns(work)) server.fail(asMCPError(error, server.name));
    throw error;
  }
}

/** One attempt (in its turn among the manager's); on success the new client is live and its events wired. */
export async function connectOnce(server: ConnectContext, signal: AbortSignal): Promise<MCPClient> {
  const { client, tools, ms } = await server.turns.run(() => {
    server.dispatch({ type: 'attempt' });
    return openClient(server.name, server.config, server.openOptions, signal);
  }, signal);
  // A stop that came while the result was on its way took nothing to release: this client is stopped here.
  if (signal.aborted) {
    await client.disconnect();
    throw signal.reason;
  }
  server.holder.fill(client, tools);
  client.on('close', (reason) => server.closed(client, reason));
  client.on('toolsChanged', () => void refreshTools(server, client));
  server.supervisor.up();
  server.dispatch({ type: 'connected', at: new Date().toISOString(), ms });
  server.toolsChanged();
  return client;
}

async function refreshTools(server: ConnectContext, client: MCPClient): Promise<void> {
  try {
    if (await server.holder.refreshTools(client)) server.toolsChanged();
  } catch (error) {
    server.options.logger.warn(
      { server: server.name, err: error },
      'could not refresh tools after list_changed',
    );
  }
}
