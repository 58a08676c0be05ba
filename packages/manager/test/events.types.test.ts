// Checked by `pnpm typecheck` (tsc covers test/): every @ts-expect-error below must be an error, or tsc fails.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AuthorizationRequiredEvent,
  type ListChange,
  type LoggingLevel,
  type MCPAuthError,
  MCPConnectionManager,
  type MCPError,
  type MCPErrorCode,
  type ResourceUpdate,
  type ServerErrorEvent,
  type ServerState,
  type ServerStateChange,
  type ToolsChange,
} from '../src/index.js';

describe('MCPConnectionManager events', () => {
  it('types each listener by its event', () => {
    const manager = new MCPConnectionManager();
    manager.on('serverStateChanged', (event) => {
      expectTypeOf(event).toEqualTypeOf<ServerStateChange>();
      expectTypeOf(event.state).toEqualTypeOf<ServerState>();
      expectTypeOf(event.previous).toEqualTypeOf<ServerState>();
      expectTypeOf(event.error).toEqualTypeOf<MCPError | undefined>();
      expectTypeOf(event.server).toEqualTypeOf<string>();
    });
    manager.once('toolsChanged', (event) => expectTypeOf(event).toEqualTypeOf<ToolsChange>());
    manager.on('serverError', (event) => expectTypeOf(event.error).toEqualTypeOf<MCPError>());
    expectTypeOf<ServerErrorEvent>().toEqualTypeOf<{
      server: string;
      name: string;
      principal?: string;
      error: MCPError;
    }>();
    // As a new user writes it: the error's code, without a cast.
    manager.on('serverError', ({ error }) => expectTypeOf(error.code).toEqualTypeOf<MCPErrorCode>());
    manager.on('circuitStateChanged', (event) => {
      expectTypeOf(event.server).toEqualTypeOf<string>();
      expectTypeOf(event.error).toEqualTypeOf<MCPError | undefined>();
    });
    manager.on('configReloadFailed', ({ error }) => expectTypeOf(error.code).toEqualTypeOf<MCPErrorCode>());
    manager.on('resourcesChanged', (event) => expectTypeOf(event).toEqualTypeOf<ListChange>());
    manager.on('promptsChanged', (event) => expectTypeOf(event).toEqualTypeOf<ListChange>());
    manager.on('resourceUpdated', (event) => expectTypeOf(event).toEqualTypeOf<ResourceUpdate>());
    manager.on('serverLog', (event) => {
      expectTypeOf(event.level).toEqualTypeOf<LoggingLevel>();
      expectTypeOf(event.data).toEqualTypeOf<unknown>();
    });
    manager.on('authorizationRequired', (event) => {
      expectTypeOf(event).toEqualTypeOf<AuthorizationRequiredEvent>();
      expectTypeOf(event.issuer).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.scopes).toEqualTypeOf<string[] | undefined>();
      expectTypeOf(event.server).toEqualTypeOf<string>();
      expectTypeOf(event.error).toEqualTypeOf<MCPAuthError>();
    });
    manager.emit('serverStateChanged', {
      server: 'a',
      name: 'a',
      state: 'needs-auth',
      previous: 'connecting',
      error: undefined,
    });
  });

  it('refuses unknown events and wrong payloads', () => {
    const manager = new MCPConnectionManager();
    const listener = (event: ToolsChange) => event.server;
    manager.on('toolsChanged', listener);
    manager.off('toolsChanged', listener);
    // @ts-expect-error a misspelt event name
    manager.on('serverStateChangd', () => {});
    // @ts-expect-error no such field in the payload
    manager.on('serverStateChanged', (event) => event.nme);
    // @ts-expect-error a listener of another event's payload
    manager.on('serverError', (event: ResourceUpdate) => event.uri);
    // @ts-expect-error a payload without `previous`
    manager.emit('serverStateChanged', { server: 'a', name: 'a', state: 'idle', error: undefined });
    manager.emit('serverStateChanged', {
      server: 'a',
      name: 'a',
      // @ts-expect-error a state that does not exist
      state: 'asleep',
      previous: 'idle',
      error: undefined,
    });
    // @ts-expect-error the wrong field name
    manager.emit('toolsChanged', { name: 'a' });
    manager.emit('toolsChanged', { server: 'a' });
    // @ts-expect-error a log level that does not exist
    manager.emit('serverLog', { server: 'a', level: 'loud', data: 1 });
    // @ts-expect-error an update without its URI
    manager.emit('resourceUpdated', { server: 'a' });
  });
});

describe('the deprecated `name` of event payloads', () => {
  it('is the same string as `server`, typed alike', () => {
    expectTypeOf<ServerStateChange['name']>().toEqualTypeOf<ServerStateChange['server']>();
    expectTypeOf<AuthorizationRequiredEvent['name']>().toEqualTypeOf<string>();
  });
});
