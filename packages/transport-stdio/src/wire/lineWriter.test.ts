import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineWriter } from './lineWriter.js';

/** A stream that records each write and holds its callbacks until `release`, like a full pipe. */
function pipe(highWaterMark: number) {
  const writes: string[] = [];
  const held: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      writes.push(chunk);
      held.push(callback);
    },
  });
  const release = () => {
    for (const callback of held.splice(0)) callback();
  };
  return { stream, writes, release };
}

const closed = () => new Error('closed');

describe('LineWriter', () => {
  it('writes the lines of one tick together, in order, and resolves every sender', async () => {
    const { stream, writes, release } = pipe(1024);
    const writer = new LineWriter(stream, closed);
    const sent = [writer.write('a\n'), writer.write('b\n'), writer.write('c\n')];
    expect(writes).toEqual([]);
    await Promise.all(sent);
    expect(writes).toEqual(['a\nb\nc\n']);
    release();
    await writer.write('d\n');
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('holds later lines while the stream is full and writes them after drain', async () => {
    const { stream, writes, release } = pipe(4);
    const writer = new LineWriter(stream, closed);
    let firstDone = false;
    const first = writer.write('full line\n').then(() => {
      firstDone = true;
    });
    await new Promise((resolve) => process.nextTick(resolve));
    expect(writes).toEqual(['full line\n']);
    const second = writer.write('next\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(firstDone).toBe(false);
    expect(writes).toEqual(['full line\n']);
    release();
    await first;
    release();
    await second;
    expect(writes).toEqual(['full line\n', 'next\n']);
  });

  it('flushes at once on demand, and rejects lines once the stream has ended', async () => {
    const { stream, writes } = pipe(1024);
    const writer = new LineWriter(stream, closed);
    const sent = writer.write('last\n');
    writer.flush();
    stream.end();
    await sent;
    expect(writes).toEqual(['last\n']);
    await expect(writer.write('late\n')).rejects.toThrow('closed');
  });
});
