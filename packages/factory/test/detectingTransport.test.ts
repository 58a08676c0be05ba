import { InMemoryTransport, type Transport } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { DetectingTransport } from '../src/detectingTransport.js';

/** An in-memory transport that says it aborts requests and cancels by abort, as Streamable HTTP does. */
function abortingTransport(): Transport {
  const [transport] = InMemoryTransport.createLinkedPair();
  return Object.assign(transport, { abortsRequests: true, cancelsByAbort: true });
}

describe('DetectingTransport', () => {
  it("reports the detected transport's abort capabilities, so the session aborts its requests", async () => {
    const detecting = new DetectingTransport({
      detect: async () => 'streamable-http',
      create: abortingTransport,
    });
    expect(detecting.abortsRequests).toBeUndefined();
    await detecting.start();
    expect(detecting.abortsRequests).toBe(true);
    expect(detecting.cancelsByAbort).toBe(true);
    await detecting.close();
  });
});
