import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'agent-tools-loads-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const recorder = fileURLToPath(new URL('./fixtures/recordLoads.mjs', import.meta.url));
const entry = (name: string) => new URL(`../dist/${name}.js`, import.meta.url).href;
/** Each framework entry and the package it loads, as module URLs show it (pnpm's store or a plain node_modules). */
const FRAMEWORKS = {
  'ai-sdk': /\/node_modules\/(\.pnpm\/ai@[^/]+\/node_modules\/)?ai\//,
  langchain: /\/node_modules\/(\.pnpm\/@langchain\+core@[^/]+\/node_modules\/)?@langchain\/core\//,
  'openai-agents': /\/node_modules\/(\.pnpm\/@openai\+agents@[^/]+\/node_modules\/)?@openai\/agents\//,
};
const ENTRIES = Object.keys(FRAMEWORKS) as Array<keyof typeof FRAMEWORKS>;

/** Every module URL a fresh Node process loads to import the built entry (loader hooks write them down). */
async function modulesLoadedBy(name: string): Promise<string[]> {
  const file = join(scratch, `${name}.txt`);
  await run(
    process.execPath,
    ['--import', recorder, '--input-type=module', '-e', `await import(${JSON.stringify(entry(name))})`],
    {
      env: { ...process.env, LOADS_FILE: file },
    },
  );
  return readFileSync(file, 'utf8').trim().split('\n');
}

it('importing the root loads no framework', async () => {
  const loaded = await modulesLoadedBy('index');
  expect(loaded).toContain(entry('index'));
  expect(loaded.filter((url) => ENTRIES.some((name) => FRAMEWORKS[name].test(url)))).toEqual([]);
});

it.each(ENTRIES)('importing ./%s loads its framework and no other', async (name) => {
  const loaded = await modulesLoadedBy(name);
  expect(loaded.some((url) => FRAMEWORKS[name].test(url))).toBe(true);
  const others = ENTRIES.filter((other) => other !== name);
  expect(loaded.filter((url) => others.some((other) => FRAMEWORKS[other].test(url)))).toEqual([]);
});
