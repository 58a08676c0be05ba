import { InMemoryTransport, type RequestId, type Transport } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { DetectingTransport } from './detectingTransport.js';

/** An in-memory transport that aborts requests and cancels by abort, as Streamable HTTP does. */
function abortingTransport(aborted: [RequestId, Error][]): Transport {
  const [transport] = InMemoryTransport.createLinkedPair();
  return Object.assign(transport, {
    cancelsByAbort: true,
    abortRequest: (id: RequestId, reason: Error) => void aborted.push([id, reason]),
  });
}

describe('DetectingTransport', () => {
  it('forwards request aborts and cancel-by-abort to the detected transport, so a timed-out POST is aborted', async () => {
    const aborted: [RequestId, Error][] = [];
    const detecting = new DetectingTransport({
      known: () => 'streamable-http',
      create: () => abortingTransport(aborted),
    });
    expect(detecting.cancelsByAbort).toBeUndefined();
    await expect(detecting.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toMatchObject({
      name: 'MCPConnectionError',
      code: 'TRANSPORT_NOT_STARTED',
    });
    detecting.abortRequest(1, new Error('before start: nothing to abort'));
    await detecting.start();
    expect(detecting.cancelsByAbort).toBe(true);
    const reason = new Error('timed out');
    detecting.abortRequest(7, reason);
    expect(aborted).toEqual([[7, reason]]);
    await detecting.close();
  });

  it('says it waits for a login while the probe does (the auth provider) and then as the detected transport does', async () => {
    let probing = false;
    let inner = false;
    const detecting = new DetectingTransport({
      known: () => 'streamable-http',
      create: () => Object.assign(InMemoryTransport.createLinkedPair()[0], { waitingForUser: () => inner }),
      waitingForUser: () => probing,
    });
    expect(detecting.waitingForUser()).toBe(false);
    probing = true;
    expect(detecting.waitingForUser()).toBe(true);
    probing = false;
    await detecting.start();
    expect(detecting.waitingForUser()).toBe(false);
    inner = true;
    expect(detecting.waitingForUser()).toBe(true);
    await detecting.close();
  });
});
