import type { CallToolResult } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { boundResult, resultSize } from './boundResult.js';

const text = (t: string) => ({ type: 'text' as const, text: t });
const image = (size: number) => ({ type: 'image' as const, data: 'A'.repeat(size), mimeType: 'image/png' });
const sizeOfAll = (result: CallToolResult) =>
  result.content.reduce(
    (sum, b) => sum + (b.type === 'text' ? b.text.length : b.type === 'image' ? b.data.length : 0),
    0,
  );

describe('boundResult', () => {
  it('keeps short text blocks whole and hands what they leave to the long one', () => {
    const bounded = boundResult({ content: [text('a'.repeat(100)), text('b'.repeat(10_000))] }, 1_000);
    expect((bounded.content[0] as { text: string }).text).toBe('a'.repeat(100));
    const cut = (bounded.content[1] as { text: string }).text;
    expect(cut.length).toBeLessThanOrEqual(900);
    expect(cut).toMatch(
      /^b+\n\[… [\d,]+ of 10,000 characters cut here, over the limit of 1,000 for one result\. .*\]\nb+$/,
    );
  });

  it('never splits a surrogate pair at the head or the tail', () => {
    const [block] = boundResult({ content: [text('😀'.repeat(5_000))] }, 600).content;
    const cut = (block as { text: string }).text;
    expect(cut.length).toBeLessThanOrEqual(600);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('keeps an image that fits in what the text left, drops one that does not, with a note', () => {
    const bounded = boundResult({ content: [text('x'.repeat(300)), image(500), image(800)] }, 1_000);
    expect(bounded.content[1]).toEqual(image(500));
    expect(bounded.content[2]).toEqual(
      text(
        '[image (image/png) left out: 800 characters of base64, over the limit of 1,000 for one result. Ask the tool for a smaller one, if it can.]',
      ),
    );
    expect(sizeOfAll(bounded)).toBeLessThanOrEqual(1_000 + 200);
  });

  it('drops structured content over the limit, keeping the cut text fallback and the error flag', () => {
    const big = 'z'.repeat(5_000);
    const bounded = boundResult({ content: [text(big)], structuredContent: { big }, isError: true }, 1_000);
    expect(bounded.structuredContent).toBeUndefined();
    expect(bounded.isError).toBe(true);
    expect((bounded.content[0] as { text: string }).text.length).toBeLessThanOrEqual(1_000);
  });

  it('a structured result without content blocks gets its JSON as text, cut', () => {
    const bounded = boundResult({ content: [], structuredContent: { rows: 'r'.repeat(5_000) } }, 1_000);
    expect(bounded.content).toHaveLength(1);
    expect((bounded.content[0] as { text: string }).text).toMatch(/^\{"rows":"r+\n\[… .*\]\nr+"\}$/s);
  });

  it('keeps structured content that fits alone, and ends with the reference it was given', () => {
    const bounded = boundResult(
      { content: [text('q'.repeat(2_000))], structuredContent: { n: 1 } },
      1_000,
      'kept as blob 7',
    );
    expect(bounded.structuredContent).toEqual({ n: 1 });
    expect(bounded.content.at(-1)).toEqual(text('kept as blob 7'));
    expect((bounded.content[0] as { text: string }).text).toContain(
      'The whole result is kept: see the reference at the end.',
    );
  });

  it('cuts the text of an embedded text resource in place', () => {
    const [block] = boundResult(
      { content: [{ type: 'resource', resource: { uri: 'file:///a.txt', text: 't'.repeat(3_000) } }] },
      1_000,
    ).content;
    expect(block).toMatchObject({ type: 'resource', resource: { uri: 'file:///a.txt' } });
    expect((block as { resource: { text: string } }).resource.text.length).toBeLessThanOrEqual(1_000);
  });
});

describe('resultSize', () => {
  it('counts text, base64 and structured JSON', () => {
    expect(resultSize({ content: [text('abc'), image(10)], structuredContent: { a: 1 } })).toEqual({
      content: 13,
      structured: 7,
    });
  });
});
