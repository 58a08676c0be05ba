import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What marks an encrypted value: `enc1.<iv>.<tag>.<ciphertext>`, base64url each. */
const ENCRYPTED = 'enc1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Why a stored value could not be turned back into what was written. */
export class ValueProblem extends Error {}

export interface ValueCodecOptions {
  /** Largest value written or read, in bytes (after encryption). */
  maxBytes: number;
  /** AES-256-GCM key (32 bytes): values are encrypted at rest, bound to their Redis key. */
  encryptionKey?: Uint8Array | undefined;
}

/**
 * JSON in and out of Redis, bounded in size, optionally encrypted with the user's key (AES-256-GCM,
 * a fresh IV per write, the Redis key as associated data so a value copied under another key does
 * not decrypt). Problems name the key and the size, never the value.
 */
export class ValueCodec {
  private readonly key: Buffer | undefined;

  constructor(private readonly options: ValueCodecOptions) {
    this.key = options.encryptionKey && Buffer.from(options.encryptionKey);
  }

  encode(redisKey: string, value: unknown): string {
    const json = JSON.stringify(value);
    const text = this.key ? encrypt(this.key, redisKey, json) : json;
    const size = Buffer.byteLength(text);
    if (size > this.options.maxBytes)
      throw new ValueProblem(
        `the value is ${size} bytes, more than maxValueBytes (${this.options.maxBytes})`,
      );
    return text;
  }

  decode(redisKey: string, text: string): unknown {
    const size = Buffer.byteLength(text);
    if (size > this.options.maxBytes)
      throw new ValueProblem(
        `the stored value is ${size} bytes, more than maxValueBytes (${this.options.maxBytes})`,
      );
    const encrypted = text.startsWith(ENCRYPTED);
    if (this.key && !encrypted)
      throw new ValueProblem('the stored value is not encrypted, and an encryptionKey is set');
    if (!this.key && encrypted)
      throw new ValueProblem('the stored value is encrypted, and no encryptionKey is set');
    const json = this.key ? decrypt(this.key, redisKey, text) : text;
    try {
      return JSON.parse(json);
    } catch {
      throw new ValueProblem('the stored value is not JSON');
    }
  }
}

/** Whether `key` is usable as an encryption key; the problem in words otherwise. */
export function encryptionKeyProblem(key: unknown): string | undefined {
  if (!(key instanceof Uint8Array)) return 'must be a Buffer or Uint8Array of 32 bytes';
  if (key.byteLength !== KEY_BYTES) return `must be 32 bytes (AES-256), not ${key.byteLength}`;
  return undefined;
}

function encrypt(key: Buffer, redisKey: string, json: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(redisKey));
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
  return `${ENCRYPTED}${parts.join('.')}`;
}

function decrypt(key: Buffer, redisKey: string, text: string): string {
  const [iv, tag, body] = text.slice(ENCRYPTED.length).split('.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'));
    decipher.setAAD(Buffer.from(redisKey));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new ValueProblem(
      'the stored value does not decrypt with the encryptionKey (another key, or altered)',
    );
  }
}
