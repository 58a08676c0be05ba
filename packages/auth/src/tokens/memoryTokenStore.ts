import type { ClientRegistration } from '../client/clientRegistration.js';
import { KeyedLock } from './keyedLock.js';
import type { TokenSet } from './tokenSet.js';
import { type TokenStore, type TokenStoreKey, tokenKeyIdOf, tokenStoreKeyString } from './tokenStore.js';

/** The default store: this process's memory, gone when it exits. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, TokenSet>();
  private readonly clients = new Map<string, ClientRegistration>();
  private readonly keys = new Map<string, TokenStoreKey>();
  private readonly lock = new KeyedLock();

  async getTokens(key: TokenStoreKey): Promise<TokenSet | undefined> {
    return this.tokens.get(tokenStoreKeyString(key));
  }

  updateTokens(
    key: TokenStoreKey,
    change: (current: TokenSet | undefined) => Promise<TokenSet | undefined>,
  ): Promise<TokenSet | undefined> {
    const id = tokenStoreKeyString(key);
    return this.lock.run(id, async () => {
      const next = await change(this.tokens.get(id));
      if (next) this.tokens.set(id, next);
      else this.tokens.delete(id);
      return next;
    });
  }

  async getClient(issuer: string): Promise<ClientRegistration | undefined> {
    return this.clients.get(issuer);
  }

  async setClient(issuer: string, client: ClientRegistration | undefined): Promise<void> {
    if (client) this.clients.set(issuer, client);
    else this.clients.delete(issuer);
  }

  async getTokenKey(server: string, principal?: string): Promise<TokenStoreKey | undefined> {
    return this.keys.get(tokenKeyIdOf(server, principal));
  }

  async setTokenKey(server: string, key: TokenStoreKey | undefined, principal?: string): Promise<void> {
    const id = tokenKeyIdOf(server, principal);
    if (key) this.keys.set(id, key);
    else this.keys.delete(id);
  }
}
