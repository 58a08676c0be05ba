import { type ConfigIssue, MCPConfigError } from '@org/mcp-core';
import { DEFAULT_COMMAND_TIMEOUT_MS } from './redisCall.js';
import type { RedisConnection } from './redisConnection.js';
import { DEFAULT_KEY_PREFIX } from './redisKeys.js';

/** What every Redis store of this package takes. */
export interface RedisStoreOptions {
  /** A node-redis client, cluster or sentinel client, connected (or connecting) by the caller, who also closes it. */
  connection: RedisConnection;
  /** Starts every key the store writes. Default `mcp:`. */
  keyPrefix?: string | undefined;
  /** Bound on each Redis command, in ms. Default 2 000. */
  commandTimeoutMs?: number | undefined;
  /** Largest value written or read, in bytes. */
  maxValueBytes?: number | undefined;
}

/** The options every store resolves, defaults applied. */
export interface ResolvedStoreOptions {
  connection: RedisConnection;
  keyPrefix: string;
  commandTimeoutMs: number;
  maxValueBytes: number;
}

/** Positive whole numbers, named by option: the issues of those that are set and are not. */
export function countIssues(store: string, values: Record<string, unknown>): ConfigIssue[] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0))
    .map(([name]) => ({ path: `${store}.${name}`, message: 'must be a positive whole number' }));
}

/** Checks the shared options and those `extra` found; throws CONFIG_INVALID naming each bad one. */
export function resolveStoreOptions(
  store: string,
  options: RedisStoreOptions,
  defaultMaxValueBytes: number,
  extra: ConfigIssue[] = [],
): ResolvedStoreOptions {
  const issues = [
    ...countIssues(store, {
      commandTimeoutMs: options.commandTimeoutMs,
      maxValueBytes: options.maxValueBytes,
    }),
    ...extra,
  ];
  const connection = options.connection as Partial<RedisConnection> | undefined;
  if (typeof connection?.get !== 'function' || typeof connection.evalSha !== 'function')
    issues.push({
      path: `${store}.connection`,
      message: 'must be a node-redis client (createClient, createCluster or createSentinel)',
    });
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (
    typeof keyPrefix !== 'string' ||
    keyPrefix.length === 0 ||
    keyPrefix.length > 128 ||
    /[{}\s]/.test(keyPrefix)
  )
    issues.push({
      path: `${store}.keyPrefix`,
      message: 'must be 1 to 128 characters, without braces or spaces',
    });
  if (issues.length > 0) throw new MCPConfigError(`Invalid ${store} options`, { issues });
  return {
    connection: options.connection,
    keyPrefix,
    commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxValueBytes: options.maxValueBytes ?? defaultMaxValueBytes,
  };
}
