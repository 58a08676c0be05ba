import { readFile } from 'node:fs/promises';
import { EXPECTED_FAILURES_FILE } from './paths.js';

/** `{ "<suite version>/<scenario>": "why it does not pass yet" }`. */
export type ExpectedFailures = Record<string, string>;

export function failureKey(version: string, scenario: string): string {
  return `${version}/${scenario}`;
}

export async function loadExpectedFailures(): Promise<ExpectedFailures> {
  const parsed = JSON.parse(await readFile(EXPECTED_FAILURES_FILE, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${EXPECTED_FAILURES_FILE}: expected an object of "<suite>/<scenario>": "reason"`);
  }
  for (const [key, reason] of Object.entries(parsed)) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`${EXPECTED_FAILURES_FILE}: ${key} needs a reason`);
    }
  }
  return parsed as ExpectedFailures;
}

/** Entries naming a scenario no suite lists any more: they would hide nothing and must go. */
export function staleEntries(expected: ExpectedFailures, listed: ReadonlySet<string>): string[] {
  return Object.keys(expected).filter((key) => !listed.has(key));
}
