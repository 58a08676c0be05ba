import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import type { ClientRegistration } from '../client/clientRegistration.js';
import { storeFailed, withFileLock } from './fileLock.js';
import { KeyedLock } from './keyedLock.js';
import type { TokenSet } from './tokenSet.js';
import {
  sameTokenKey,
  type TokenStore,
  type TokenStoreKey,
  tokenKeyIdOf,
  tokenStoreKeyString,
} from './tokenStore.js';

export interface FileTokenStoreOptions {
  /** How long an update waits for another process's lock, in ms. Default 60 000. */
  lockTimeout?: number | undefined;
  /** Largest store file read, in bytes. Default 1 MiB. */
  maxBytes?: number | undefined;
}

interface StoreFile {
  tokens: Record<string, TokenSet>;
  clients: Record<string, ClientRegistration>;
  /** Whose tokens serve each MCP server, by tokenKeyIdOf(server, principal) (absent in files of earlier versions). */
  servers: Record<string, TokenStoreKey>;
}

/**
 * Tokens and registered clients in one JSON file, readable by its owner only (mode 0600), for CLIs
 * and hosts that keep authorizations across runs. Every change is a whole new file renamed over
 * the old (atomic: a reader sees the old or the new, never half), made under a lock file, so two
 * processes sharing the file never redeem one refresh token twice nor lose each other's writes.
 */
export class FileTokenStore implements TokenStore {
  private readonly local = new KeyedLock();
  private readonly lockTimeout: number;
  private readonly maxBytes: number;

  constructor(
    readonly path: string,
    options: FileTokenStoreOptions = {},
  ) {
    this.lockTimeout = options.lockTimeout ?? 60_000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
  }

  async getTokens(key: TokenStoreKey): Promise<TokenSet | undefined> {
    return (await this.read()).tokens[tokenStoreKeyString(key)];
  }

  updateTokens(
    key: TokenStoreKey,
    change: (current: TokenSet | undefined) => Promise<TokenSet | undefined>,
  ): Promise<TokenSet | undefined> {
    const id = tokenStoreKeyString(key);
    return this.locked(async () => {
      const file = await this.read();
      const current = file.tokens[id];
      const next = await change(current);
      if (next === current) return next;
      if (next) file.tokens[id] = next;
      else delete file.tokens[id];
      await this.write(file);
      return next;
    });
  }

  async getClient(issuer: string): Promise<ClientRegistration | undefined> {
    return (await this.read()).clients[issuer];
  }

  setClient(issuer: string, client: ClientRegistration | undefined): Promise<void> {
    return this.locked(async () => {
      const file = await this.read();
      if (client) file.clients[issuer] = client;
      else delete file.clients[issuer];
      await this.write(file);
    });
  }

  async getTokenKey(server: string, principal?: string): Promise<TokenStoreKey | undefined> {
    return (await this.read()).servers[tokenKeyIdOf(server, principal)];
  }

  setTokenKey(server: string, key: TokenStoreKey | undefined, principal?: string): Promise<void> {
    const id = tokenKeyIdOf(server, principal);
    return this.locked(async () => {
      const file = await this.read();
      if (sameTokenKey(file.servers[id], key)) return;
      if (key) file.servers[id] = key;
      else delete file.servers[id];
      await this.write(file);
    });
  }

  /** One change at a time in this process (a queue), and across processes (the lock file). */
  private locked<T>(task: () => Promise<T>): Promise<T> {
    return this.local.run('', async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
        throw storeFailed(this.path, error);
      });
      const lock = { timeout: this.lockTimeout, staleAfter: this.lockTimeout, retryDelay: 20 };
      return withFileLock(this.path, lock, task);
    });
  }

  private async read(): Promise<StoreFile> {
    let text: string;
    try {
      // Non-blocking: opening a FIFO for reading would wait for a writer, and a blocked open holds a
      // thread of the pool that even process.exit() waits for. What it is gets checked before any read.
      const handle = await open(this.path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const stats = await handle.stat();
        if (!stats.isFile())
          throw new MCPAuthError(
            AuthErrorCode.AUTH_STORE_FAILED,
            `The token store ${this.path} is ${kindOf(stats)}, not a regular file; point the FileTokenStore at a file.`,
          );
        const { size } = stats;
        if (size > this.maxBytes)
          throw new MCPAuthError(
            AuthErrorCode.AUTH_STORE_FAILED,
            `The token store ${this.path} is larger than ${this.maxBytes} bytes; it is not read.`,
          );
        text = await readFile(handle, 'utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (error instanceof MCPAuthError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tokens: {}, clients: {}, servers: {} };
      throw storeFailed(this.path, error);
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoreFile>;
      return { tokens: { ...parsed.tokens }, clients: { ...parsed.clients }, servers: { ...parsed.servers } };
    } catch {
      throw new MCPAuthError(
        AuthErrorCode.AUTH_STORE_FAILED,
        `The token store ${this.path} is not valid JSON; remove it to authorize again.`,
      );
    }
  }

  private async write(file: StoreFile): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(file));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await chmod(temporary, 0o600);
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw storeFailed(this.path, error);
    }
  }
}

/** What a path that is not a regular file is, for the error. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}
