import type { MCPClient, MCPError } from '@org/mcp-core';
import { type ConnectContext, connectOnce } from './connectSequence.js';
import { asMCPError, restartsExhaustedError } from './serverErrors.js';

/** `client` went away on its own: if it was the live one, restart per policy. */
export function wentAway(server: ConnectContext, client: MCPClient, reason: Error | undefined): void {
  const { holder, supervisor } = server;
  if (holder.client !== client) return;
  server.options.logger.warn({ server: server.name, err: reason }, 'server went away');
  holder.lose();
  supervisor.down();
  const { restart: again, state } = supervisor.afterLoss(reason);
  // The state moves first, so listeners of the events below see where the server is going.
  server.dispatch({ type: 'wentAway', error: reason && asMCPError(reason, server.name), state });
  if (again) restart(server, true);
  server.toolsChanged();
}

/** Reconnects until it works, the budget is spent or a failure cannot heal; `atOnce`: it went away by itself. */
export function restart(server: ConnectContext, atOnce: boolean): void {
  const { supervisor, work } = server;
  if (supervisor.exhausted) {
    giveUp(server);
    return;
  }
  server.dispatch({ type: 'move', state: 'reconnecting' });
  const controller = work.take();
  void server.queue.run(async () => {
    const outcome = await supervisor.supervise(controller.signal, atOnce, {
      dispatch: (action) => server.dispatch(action),
      releaseLost: () => server.holder.releaseLost(),
      attempt: (signal) => {
        server.dispatch({ type: 'sequence', state: server.record.state });
        return work.track(connectOnce(server, signal));
      },
    });
    if (outcome === 'exhausted') giveUp(server);
    if (outcome === 'permanent') server.fail(server.record.lastError as MCPError);
  });
}

function giveUp(server: ConnectContext): void {
  const { name, supervisor, record } = server;
  server.fail(restartsExhaustedError(name, supervisor.maxRestarts, record.lastError));
  // Nothing will restart it: an unhealthy process that still runs is stopped now, not at the next stop.
  void server.queue.run(() => server.holder.releaseLost());
}
