import { describe, expect, it } from 'vitest';
import { MemoryTokenStore } from './memoryTokenStore.js';
import { tokenStoreKeyString } from './tokenStore.js';

const key = { resource: 'https://mcp.example/mcp', issuer: 'https://as.example' };
const tokens = (accessToken: string) => ({ accessToken, tokenType: 'Bearer' });

describe('tokenStoreKeyString', () => {
  it('is [resource, issuer] without a principal (as before principals) and adds the principal when there is one', () => {
    expect(tokenStoreKeyString(key)).toBe(JSON.stringify([key.resource, key.issuer]));
    expect(tokenStoreKeyString({ ...key, principal: 'alice' })).toBe(
      JSON.stringify([key.resource, key.issuer, 'alice']),
    );
    // A principal that looks like another key's parts cannot meet it: the array keeps them apart.
    expect(tokenStoreKeyString({ ...key, principal: '' })).not.toBe(tokenStoreKeyString(key));
  });
});

describe('MemoryTokenStore', () => {
  it('keeps tokens and remembered keys per principal, the default principal apart from all', async () => {
    const store = new MemoryTokenStore();
    const alice = { ...key, principal: 'alice' };
    await store.updateTokens(key, async () => tokens('default'));
    await store.updateTokens(alice, async () => tokens('a1'));
    expect(await store.getTokens(key)).toEqual(tokens('default'));
    expect(await store.getTokens(alice)).toEqual(tokens('a1'));
    expect(await store.getTokens({ ...key, principal: 'bob' })).toBeUndefined();

    await store.setTokenKey(key.resource, key);
    await store.setTokenKey(key.resource, alice, 'alice');
    expect(await store.getTokenKey(key.resource)).toEqual(key);
    expect(await store.getTokenKey(key.resource, 'alice')).toEqual(alice);
    expect(await store.getTokenKey(key.resource, 'bob')).toBeUndefined();
    await store.setTokenKey(key.resource, undefined, 'alice');
    expect(await store.getTokenKey(key.resource, 'alice')).toBeUndefined();
    expect(await store.getTokenKey(key.resource)).toEqual(key);
  });
});
