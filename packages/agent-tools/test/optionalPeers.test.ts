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
const AI = /\/node_modules\/(\.pnpm\/ai@[^/]+\/node_modules\/)?ai\//;
const LANGCHAIN = /\/node_modules\/(\.pnpm\/@langchain\+core@[^/]+\/node_modules\/)?@langchain\/core\//;

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

it('importing the root loads neither the AI SDK nor LangChain', async () => {
  const loaded = await modulesLoadedBy('index');
  expect(loaded).toContain(entry('index'));
  expect(loaded.filter((url) => AI.test(url) || LANGCHAIN.test(url))).toEqual([]);
});

it('importing ./ai-sdk loads the AI SDK and not LangChain; ./langchain loads LangChain and not the AI SDK', async () => {
  const aiSdk = await modulesLoadedBy('ai-sdk');
  expect(aiSdk.some((url) => AI.test(url))).toBe(true);
  expect(aiSdk.filter((url) => LANGCHAIN.test(url))).toEqual([]);
  const langchain = await modulesLoadedBy('langchain');
  expect(langchain.some((url) => LANGCHAIN.test(url))).toBe(true);
  expect(langchain.filter((url) => AI.test(url))).toEqual([]);
});
