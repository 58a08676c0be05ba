import { describe, expect, it } from 'vitest';
import { StderrTail } from './stderrTail.js';

describe('StderrTail', () => {
  it('returns complete lines and keeps the text', () => {
    const tail = new StderrTail(1024);
    expect(tail.push(Buffer.from('first\r\nsec'))).toEqual(['first']);
    expect(tail.push(Buffer.from('ond\n'))).toEqual(['second']);
    expect(tail.text()).toBe('first\r\nsecond');
  });

  it('keeps only about the last `size` bytes however much is written', () => {
    const tail = new StderrTail(100);
    for (let i = 0; i < 10_000; i++) tail.push(Buffer.from(`line ${i}\n`));
    const text = tail.text();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100);
    expect(text.endsWith('line 9999')).toBe(true);
  });

  it('cuts a line that never ends into bounded parts', () => {
    const tail = new StderrTail(100);
    const lines = tail.push(Buffer.alloc(20_000, 0x7a));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(8 * 1024);
  });

  it('never starts the tail inside a multi-byte character', () => {
    const tail = new StderrTail(5);
    tail.push(Buffer.from('ééééé'));
    expect(tail.text()).not.toContain('\uFFFD');
  });
});
