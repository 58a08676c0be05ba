import { AuthErrorCode, CoreErrorCode, MCPAuthError, MCPConnectionError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import {
  eventsOf,
  initialRecord,
  type ServerAction,
  type ServerEventList,
  type ServerRecord,
  transition,
} from './serverTransition.js';

const lost = new MCPConnectionError(CoreErrorCode.CONNECTION_CLOSED, 'gone', { serverName: 's' });
const authRequired = new MCPAuthError(AuthErrorCode.AUTH_REQUIRED, 'authorize', { serverName: 's' });
const where = { where: () => ({ issuer: 'https://as.example', scopes: ['read'] }) };

/** Runs actions from `record`, collecting the events each tells. */
function run(record: ServerRecord, actions: ServerAction[]) {
  const events: ServerEventList = [];
  for (const action of actions) {
    const next = transition(record, action);
    events.push(...eventsOf('s', record, next, action, where));
    record = next;
  }
  return { record, events };
}

describe('transition', () => {
  it('starts idle, or disabled when its entry says so', () => {
    expect(initialRecord(true)).toMatchObject({ state: 'idle', enabled: true, attempts: 0 });
    expect(initialRecord(false)).toMatchObject({ state: 'disabled', enabled: false });
  });

  it('counts attempts from each sequence and clears the last error, the health failures with a connect', () => {
    const { record } = run(initialRecord(true), [
      { type: 'healthChecked', at: 't0', healthy: false },
      { type: 'sequence', state: 'connecting' },
      { type: 'attempt' },
      { type: 'attemptFailed', error: lost },
      { type: 'attempt' },
    ]);
    expect(record).toMatchObject({ state: 'connecting', attempts: 2, lastError: lost, healthFailures: 1 });
    const connected = transition(record, { type: 'connected', at: 't1', ms: 5 });
    expect(connected).toEqual({
      state: 'connected',
      enabled: true,
      lastError: undefined,
      attempts: 2,
      lastConnect: { at: 't1', ms: 5 },
      lastHealthCheck: { at: 't0', healthy: false },
      healthFailures: 0,
    });
    expect(transition(connected, { type: 'sequence', state: 'reconnecting' }).attempts).toBe(0);
  });

  it('counts failed health checks in a row; a healthy one starts again', () => {
    const { record } = run(initialRecord(true), [
      { type: 'healthChecked', at: 'a', healthy: false },
      { type: 'healthChecked', at: 'b', healthy: false },
    ]);
    expect(record.healthFailures).toBe(2);
    expect(transition(record, { type: 'healthChecked', at: 'c', healthy: true })).toMatchObject({
      healthFailures: 0,
      lastHealthCheck: { at: 'c', healthy: true },
    });
    expect(transition(record, { type: 'dropped', error: lost }).healthFailures).toBe(0);
  });

  it('never changes the record it was given', () => {
    const record = initialRecord(true);
    const copy = structuredClone(record);
    transition(record, { type: 'failed', error: lost, needsAuth: undefined });
    expect(record).toEqual(copy);
  });
});

describe('eventsOf', () => {
  it('tells a move with the server named alike in `server` and the deprecated `name`, then the failure', () => {
    const { record, events } = run(initialRecord(true), [
      { type: 'sequence', state: 'connecting' },
      { type: 'failed', error: lost, needsAuth: undefined },
    ]);
    expect(record).toMatchObject({ state: 'failed', lastError: lost });
    expect(events).toEqual([
      [
        'serverStateChanged',
        { server: 's', name: 's', state: 'connecting', previous: 'idle', error: undefined },
      ],
      [
        'serverStateChanged',
        { server: 's', name: 's', state: 'failed', previous: 'connecting', error: lost },
      ],
      ['serverError', { server: 's', name: 's', error: lost }],
    ]);
  });

  it('tells authorizationRequired, not serverError, for a failure that needs the user', () => {
    const { record, events } = run(initialRecord(true), [
      { type: 'failed', error: authRequired, needsAuth: authRequired },
    ]);
    expect(record.state).toBe('needs-auth');
    expect(events.at(-1)).toEqual([
      'authorizationRequired',
      { server: 's', name: 's', issuer: 'https://as.example', scopes: ['read'], error: authRequired },
    ]);
  });

  it('tells nothing for a change that moves no state and reports no failure', () => {
    const { events } = run(initialRecord(true), [
      { type: 'attempt' },
      { type: 'attemptFailed', error: lost },
      { type: 'dropped', error: lost },
      { type: 'move', state: 'idle' },
      { type: 'wentAway', error: undefined, state: 'idle' },
    ]);
    expect(events).toEqual([]);
  });

  it('tells a server that went away with an error where it goes, then the error', () => {
    const connected = transition(initialRecord(true), { type: 'connected', at: 't', ms: 1 });
    const { events } = run(connected, [{ type: 'wentAway', error: lost, state: 'failed' }]);
    expect(events.map(([event]) => event)).toEqual(['serverStateChanged', 'serverError']);
  });
});
