import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type CheckStatus = 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';

export interface Check {
  id: string;
  name?: string;
  status: CheckStatus;
  errorMessage?: string;
}

/**
 * The checks.json the suite wrote under `dir`. A scenario name with `/` makes nested folders
 * (`dir/auth/metadata-default-<timestamp>/`), so the one file is found by walking down.
 */
export async function readChecks(dir: string): Promise<Check[] | undefined> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const file = entries.find((entry) => entry.isFile() && entry.name === 'checks.json');
  if (!file) return undefined;
  return JSON.parse(await readFile(join(file.parentPath, file.name), 'utf8')) as Check[];
}

export function countStatus(checks: readonly Check[], status: CheckStatus): number {
  return checks.filter((check) => check.status === status).length;
}

/** The first check that went wrong, as `id: message`, for a one-line reason. */
export function firstProblem(checks: readonly Check[]): string | undefined {
  const bad =
    checks.find((check) => check.status === 'FAILURE') ?? checks.find((c) => c.status === 'WARNING');
  if (!bad) return undefined;
  const message = (bad.errorMessage ?? bad.name ?? '').replace(/\s+/g, ' ').trim();
  return `${bad.status} ${bad.id}${message ? `: ${message.slice(0, 160)}` : ''}`;
}
