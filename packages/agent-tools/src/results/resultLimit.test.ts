import type { Tool } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { MAX_RESULT_CHARS_HINT_CAP, resultLimit } from './resultLimit.js';

const tool = (hint: unknown): Tool =>
  ({ name: 't', inputSchema: { type: 'object' }, _meta: { 'anthropic/maxResultSizeChars': hint } }) as Tool;

describe('resultLimit', () => {
  it("is the caller's limit without a hint", () => {
    expect(resultLimit(50_000, undefined, { content: [] })).toBe(50_000);
  });

  it("rises to the tool's or the result's hint, never above the cap", () => {
    expect(resultLimit(50_000, tool(120_000), { content: [] })).toBe(120_000);
    expect(
      resultLimit(50_000, undefined, { content: [], _meta: { 'anthropic/maxResultSizeChars': 90_000 } }),
    ).toBe(90_000);
    expect(resultLimit(50_000, tool(10_000_000), { content: [] })).toBe(MAX_RESULT_CHARS_HINT_CAP);
  });

  it('never falls below the caller’s limit, and ignores hints that are not positive numbers', () => {
    expect(resultLimit(50_000, tool(1_000), { content: [] })).toBe(50_000);
    expect(resultLimit(50_000, tool('lots'), { content: [] })).toBe(50_000);
    expect(resultLimit(50_000, tool(-5), { content: [] })).toBe(50_000);
    expect(resultLimit(900_000, tool(100_000), { content: [] })).toBe(900_000);
  });
});
