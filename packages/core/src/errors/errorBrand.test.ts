import { describe, expect, it, vi } from 'vitest';
import { CoreErrorCode } from './errorCodes.js';
import * as copyA from './errors.js';

/** A second copy of the error classes, as a second install of the package would load them. */
async function secondCopy(): Promise<typeof copyA> {
  vi.resetModules();
  return import('./errors.js');
}

describe('instanceof by brand', () => {
  it('holds for an error made by another copy of the classes: its class and every parent, never a sibling', async () => {
    const copyB = await secondCopy();
    expect(copyB.MCPError).not.toBe(copyA.MCPError);

    const auth = new copyA.MCPAuthError(CoreErrorCode.CONNECT_FAILED, 'refused', { serverName: 'api' });
    expect(auth).toBeInstanceOf(copyB.MCPAuthError);
    expect(auth).toBeInstanceOf(copyB.MCPConnectionError);
    expect(auth).toBeInstanceOf(copyB.MCPError);
    expect(auth).not.toBeInstanceOf(copyB.MCPTimeoutError);

    const timeout = new copyB.MCPTimeoutError('tools/call', 10);
    expect(timeout).toBeInstanceOf(copyA.MCPTimeoutError);
    expect(timeout).toBeInstanceOf(copyA.MCPError);
    expect(timeout).not.toBeInstanceOf(copyA.MCPAbortError);
    expect(timeout).not.toBeInstanceOf(copyA.MCPConnectionError);

    const connection = new copyA.MCPConnectionError(CoreErrorCode.NOT_CONNECTED, 'gone');
    expect(connection).not.toBeInstanceOf(copyB.MCPAuthError);
    expect(connection).not.toBeInstanceOf(copyA.MCPAuthError);
  });

  it('is false for anything that is not a branded error', () => {
    for (const value of [new Error('plain'), {}, null, undefined, 'MCPError', 42]) {
      expect(value instanceof copyA.MCPError).toBe(false);
    }
  });

  it('checks a subclass made outside core by prototype, so its parent’s other instances are not taken for it', () => {
    class LimitError extends copyA.MCPConnectionError {}
    const limit = new LimitError(CoreErrorCode.NOT_CONNECTED, 'full');
    expect(limit).toBeInstanceOf(LimitError);
    expect(limit).toBeInstanceOf(copyA.MCPConnectionError);
    expect(limit).toBeInstanceOf(copyA.MCPError);
    expect(new copyA.MCPConnectionError(CoreErrorCode.NOT_CONNECTED, 'gone')).not.toBeInstanceOf(LimitError);
  });

  it('leaves no brand among an error’s own or enumerable keys', () => {
    const error = new copyA.MCPTimeoutError('ping', 5);
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(JSON.parse(JSON.stringify({ ...error }))).toEqual({
      name: 'MCPTimeoutError',
      code: CoreErrorCode.REQUEST_TIMEOUT,
      method: 'ping',
      timeout: 5,
    });
  });
});
