import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CallToolResult } from '@org/mcp-core';
import { MCPConnectionManager } from '@org/mcp-manager';
import { everythingBin, filesystemBin } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicTools,
  DEFAULT_MAX_RESULT_CHARS,
  geminiTools,
  MAX_RESULT_CHARS_HINT_CAP,
} from '../src/index.js';
import { RESULT_TARGETS } from './largeResultTargets.js';
import { schemaServer } from './servers.js';

const FIVE_MB = 5 * 1024 * 1024;
let manager: MCPConnectionManager;
let folder: string;

/** 5 MB of numbered lines, so that a golden file shows which lines the head and the tail kept. */
function numberedLines(bytes: number): string {
  const lines: string[] = [];
  for (let n = 1, size = 0; size < bytes; n++) {
    const line = `line ${String(n).padStart(6, '0')}: the quick brown fox jumps over the lazy dog`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'agent-tools-large-'));
  writeFileSync(join(folder, 'big.txt'), numberedLines(FIVE_MB));
  writeFileSync(join(folder, 'big.png'), Buffer.alloc(FIVE_MB, 7));
  writeFileSync(join(folder, 'big.wav'), Buffer.alloc(FIVE_MB, 9));
  const node = (args: string[], env: Record<string, string> = {}) => ({
    transport: 'stdio' as const,
    command: process.execPath,
    args,
    env,
  });
  manager = new MCPConnectionManager();
  await manager.initialize({
    mcpServers: {
      everything: node([everythingBin(), 'stdio']),
      filesystem: node([filesystemBin(), folder]),
      hinted: node([schemaServer], {
        TOOLS_FILE: new URL('./fixtures/hintedTools.json', import.meta.url).pathname,
      }),
    },
  });
  const connected = await manager.connectAllEnabled();
  expect(Object.values(connected).every(Boolean)).toBe(true);
});
afterAll(async () => {
  await manager?.shutdown();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The calls of the golden files: real servers' large text, a structured result, images and audio. */
const CALLS: Record<string, [string, object]> = {
  'filesystem read_text_file of a 5 MB file (text + structuredContent)': [
    'filesystem__read_text_file',
    { path: 'big.txt' },
  ],
  'filesystem read_media_file of a 5 MB PNG (image + structuredContent)': [
    'filesystem__read_media_file',
    { path: 'big.png' },
  ],
  'filesystem read_media_file of a 5 MB WAV (audio + structuredContent)': [
    'filesystem__read_media_file',
    { path: 'big.wav' },
  ],
  'everything echo of 100,000 characters': ['everything__echo', { message: 'abcdefghij'.repeat(10_000) }],
  'everything get-tiny-image over a 2,000-character limit': ['everything__get-tiny-image', {}],
};

describe('what each target hands a model of a large result', () => {
  it.each(Object.keys(RESULT_TARGETS))('%s: cut and dropped as the golden file shows', async (target) => {
    const call = await (RESULT_TARGETS[target] as (typeof RESULT_TARGETS)[string])(manager, {
      maxResultChars: 2_000,
    });
    const seen: Record<string, unknown> = {};
    for (const [label, [name, args]] of Object.entries(CALLS)) {
      const path = 'path' in args ? { path: join(folder, args.path as string) } : {};
      seen[label] = await call(name, { ...args, ...path });
    }
    const text = JSON.stringify(seen, null, 2).replaceAll(folder, '<folder>');
    expect(text.length).toBeLessThan(Object.keys(CALLS).length * 6_000);
    await expect(`${text}\n`).toMatchFileSnapshot(`golden/results/${target}.json`);
  });

  it.each(Object.keys(RESULT_TARGETS))(
    '%s: by default a 5 MB file comes to about DEFAULT_MAX_RESULT_CHARS',
    async (target) => {
      const call = await (RESULT_TARGETS[target] as (typeof RESULT_TARGETS)[string])(manager, {});
      const seen = JSON.stringify(
        await call('filesystem__read_text_file', { path: join(folder, 'big.txt') }),
      );
      expect(seen.length).toBeGreaterThan(DEFAULT_MAX_RESULT_CHARS * 0.95);
      expect(seen.length).toBeLessThan(DEFAULT_MAX_RESULT_CHARS * 1.1);
      expect(seen).toContain('line 000001:');
      expect(seen).toMatch(/characters cut here/);
    },
  );
});

describe('the limit', () => {
  it("a tool's _meta anthropic/maxResultSizeChars raises it, up to MAX_RESULT_CHARS_HINT_CAP", async () => {
    const anthropic = await anthropicTools(manager, { maxResultChars: 2_000 });
    const text = async (name: string, length: number) => {
      const [block] = (await anthropic.execute(name, { text: 'x'.repeat(length) }, { callId: 'c' })).content;
      return block?.type === 'text' ? block.text : '';
    };
    expect(await text('hinted__roomy', 2_900)).toBe(JSON.stringify({ text: 'x'.repeat(2_900) }));
    expect((await text('hinted__roomy', 10_000)).length).toBeLessThanOrEqual(3_000);
    expect((await text('hinted__greedy', 600_000)).length).toBeLessThanOrEqual(MAX_RESULT_CHARS_HINT_CAP);
    expect((await text('hinted__greedy', 600_000)).length).toBeGreaterThan(MAX_RESULT_CHARS_HINT_CAP - 200);
  });

  it('a limit that is not a positive number is refused when the tools are built', async () => {
    for (const maxResultChars of [0, -1, Number.NaN])
      await expect(anthropicTools(manager, { maxResultChars })).rejects.toThrow(
        `maxResultChars must be a positive number of characters (or Infinity), not ${maxResultChars}`,
      );
  });

  it('Infinity turns bounding off', async () => {
    const anthropic = await anthropicTools(manager, { maxResultChars: Number.POSITIVE_INFINITY });
    const answer = await anthropic.execute(
      'filesystem__read_text_file',
      { path: join(folder, 'big.txt') },
      { callId: 'c' },
    );
    expect((answer.content[0] as { text: string }).text).toBe(readFileSync(join(folder, 'big.txt'), 'utf8'));
  });

  it('an embedded blob (server-everything gzip-file-as-resource) over the limit is left out with a note', async () => {
    const gemini = await geminiTools(manager, { maxResultChars: 2_000 });
    // Bytes gzip cannot shrink (a fixed linear congruential sequence), so the blob stays over the limit.
    const bytes = Buffer.alloc(20_000);
    let x = 1;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1_103_515_245 + 12_345) >>> 0;
      bytes[i] = x >>> 24;
    }
    const data = `data:application/octet-stream;base64,${bytes.toString('base64')}`;
    const { response, parts } = (
      await gemini.execute(
        'everything__gzip-file-as-resource',
        { name: 'x.gz', data, outputType: 'resource' },
        {},
      )
    ).functionResponse;
    expect(parts).toBeUndefined();
    expect(response).toEqual({
      output: expect.stringMatching(
        /^\[resource \S+ \(application\/gzip\) left out: [\d,]+ characters of base64/,
      ),
    });
  });
});

describe('onLargeResult', () => {
  it('sees the whole result first, keeps it in a file, and the model gets the cut result and a link to it', async () => {
    const kept: CallToolResult[] = [];
    const anthropic = await anthropicTools(manager, {
      maxResultChars: 2_000,
      onLargeResult: ({ name, result, chars, limit }) => {
        expect({ name, limit }).toEqual({ name: 'filesystem__read_text_file', limit: 2_000 });
        expect(chars).toBeGreaterThanOrEqual(FIVE_MB);
        kept.push(result);
        const file = join(folder, 'kept.txt');
        writeFileSync(file, (result.content[0] as { text: string }).text);
        return {
          type: 'resource_link',
          uri: pathToFileURL(file).href,
          name: 'kept.txt',
          mimeType: 'text/plain',
        };
      },
    });
    const answer = await anthropic.execute(
      'filesystem__read_text_file',
      { path: join(folder, 'big.txt') },
      { callId: 'c' },
    );
    expect(readFileSync(join(folder, 'kept.txt'), 'utf8')).toBe(
      readFileSync(join(folder, 'big.txt'), 'utf8'),
    );
    expect(kept[0]?.structuredContent).toEqual({ content: readFileSync(join(folder, 'big.txt'), 'utf8') });
    expect(answer.content).toEqual([
      {
        type: 'text',
        text: expect.stringContaining('The whole result is kept: see the reference at the end.'),
      },
      { type: 'text', text: `[resource kept.txt: ${pathToFileURL(join(folder, 'kept.txt')).href}]` },
    ]);
  });

  it('a text reference ends the result as text; a result within the limit never reaches the hook', async () => {
    const calls: string[] = [];
    const gemini = await geminiTools(manager, {
      maxResultChars: 2_000,
      onLargeResult: ({ name }) => {
        calls.push(name);
        return 'Kept as blob 42: call fetch_blob with id 42 for any part of it.';
      },
    });
    await gemini.execute('everything__echo', { message: 'hi' }, {});
    const { response } = (await gemini.execute('everything__echo', { message: 'y'.repeat(5_000) }, {}))
      .functionResponse;
    expect(calls).toEqual(['everything__echo']);
    expect((response as { output: string }).output).toMatch(
      /^Echo: y+\n\[… [\d,]+ of 5,006 characters cut here, .*\]\ny+\nKept as blob 42: call fetch_blob with id 42 for any part of it\.$/s,
    );
  });
});
