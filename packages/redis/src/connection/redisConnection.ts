import { createHash } from 'node:crypto';

/** The arguments of EVAL and EVALSHA as node-redis takes them. */
export interface ScriptArguments {
  keys: string[];
  arguments: string[];
}

/**
 * The commands the stores send: what a node-redis (`@redis/client`) client, cluster or sentinel client
 * has, so any of the three can be passed (`createClient()`, `createCluster()`, `createSentinel()`).
 * The stores never connect or close it: its life is the caller's.
 */
export interface RedisConnection {
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options?: { expiration?: { type: 'PX'; value: number }; condition?: 'NX' },
  ): Promise<unknown>;
  del(keys: string | string[]): Promise<unknown>;
  eval(script: string, options: ScriptArguments): Promise<unknown>;
  evalSha(sha: string, options: ScriptArguments): Promise<unknown>;
}

/** A Lua script sent by its SHA1, loaded once by EVAL when the server does not know it (NOSCRIPT, a restart). */
export class RedisScript {
  private readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(connection: RedisConnection, args: ScriptArguments): Promise<unknown> {
    try {
      return await connection.evalSha(this.sha, args);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
      return connection.eval(this.source, args);
    }
  }
}

/** A reply that should be a string (node-redis gives a Buffer under a type mapping): the string, else undefined. */
export function replyText(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  return undefined;
}
