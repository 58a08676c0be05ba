import { describe, expect, it } from 'vitest';
import { MCPConfigError, MCPProtocolError } from '../errors/errors.js';
import { ClientRoots } from './roots.js';

const context = { signal: new AbortController().signal, requestId: 1 };

describe('ClientRoots', () => {
  it('answers from a list, and tells a change only once the server has asked', async () => {
    let roots = [{ uri: 'file:///a', name: 'a', extra: 1 }];
    const tracked = new ClientRoots(() => roots);
    expect(await tracked.changed()).toBe(false);
    expect(await tracked.handler(undefined, context)).toEqual({ roots: [{ uri: 'file:///a', name: 'a' }] });
    expect(await tracked.changed()).toBe(false);
    roots = [{ uri: 'file:///b', name: 'b', extra: 1 }];
    expect(await tracked.changed()).toBe(true);
  });

  it('refuses a list with a root that is not a file:// URI at once, naming it', () => {
    const error = (() => {
      try {
        new ClientRoots([{ uri: 'file:///ok' }, { uri: 'https://x' }]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MCPConfigError);
    expect((error as MCPConfigError).issues).toEqual([
      { path: 'roots.1.uri', message: 'must be a file:// URI' },
    ]);
  });

  it("refuses a function's bad answer when the server asks", async () => {
    const tracked = new ClientRoots(() => [{ uri: '/no/scheme' }]);
    const error = await Promise.resolve(tracked.handler(undefined, context)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPProtocolError);
    expect(error).toMatchObject({
      code: 'INVALID_HANDLER_RESULT',
      message: expect.stringContaining('roots.0.uri'),
    });
  });
});
