import { describe, expect, it, vi } from 'vitest';
import { LineDecoder, LineTooLongError } from './lineDecoder.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('LineDecoder', () => {
  it('splits lines across chunks, tolerates \\r\\n and skips empty lines', () => {
    const decoder = new LineDecoder(1024);
    expect(decoder.push(bytes('{"a":1}\n{"b"'))).toEqual(['{"a":1}']);
    expect(decoder.push(bytes(':2'))).toEqual([]);
    expect(decoder.push(bytes('}\r\n\n\r\n{"c":3}\n'))).toEqual(['{"b":2}', '{"c":3}']);
    expect(decoder.bufferedSize).toBe(0);
  });

  it('keeps a multi-byte character split between chunks intact', () => {
    const decoder = new LineDecoder(1024);
    const all = bytes('"héllo ✓"\n');
    const lines = [...all].flatMap((_, i) => decoder.push(all.subarray(i, i + 1)));
    expect(lines).toEqual(['"héllo ✓"']);
  });

  it('throws LineTooLongError once a line without newline passes the limit, and for a complete long line', () => {
    const decoder = new LineDecoder(10);
    expect(decoder.push(bytes('12345'))).toEqual([]);
    expect(() => decoder.push(bytes('678901'))).toThrow(LineTooLongError);
    expect(() => new LineDecoder(10).push(bytes('12345678901\n'))).toThrow(LineTooLongError);
    expect(new LineDecoder(10).push(bytes('1234567890\n'))).toEqual(['1234567890']);
  });

  it('flush returns the unterminated rest once', () => {
    const decoder = new LineDecoder(100);
    decoder.push(bytes('{"half":'));
    expect(decoder.flush()).toBe('{"half":');
    expect(decoder.flush()).toBeUndefined();
  });

  it('is linear in message size: a 32 MiB line in 64 KiB chunks is copied once, not once per chunk', () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const decoder = new LineDecoder(64 * 1024 * 1024);
    const concat = vi.spyOn(Buffer, 'concat');
    for (let i = 0; i < 512; i++) decoder.push(chunk);
    const [line] = decoder.push(bytes('\n'));
    expect(line).toHaveLength(512 * chunk.length);
    const copied = concat.mock.calls.reduce((sum, [, total]) => sum + (total ?? 0), 0);
    expect(copied).toBe(512 * chunk.length);
  });
});
