import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const recorder = fileURLToPath(new URL('./recordResolves.mjs', import.meta.url));

/**
 * Every URL a fresh process loads to `import(specifier)` (or `require` it) from `packageDir` (a package imports
 * itself by name, from its `dist`). Under `require` of ES modules (Node 20) the loader hooks see no ES module.
 */
export async function urlsLoadedBy(
  packageDir: string,
  specifier: string,
  how: 'import' | 'require' = 'import',
): Promise<Set<string>> {
  const code =
    how === 'import'
      ? `await import(${JSON.stringify(specifier)});`
      : `require(${JSON.stringify(specifier)});`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', recorder, `--input-type=${how === 'import' ? 'module' : 'commonjs'}`, '-e', code],
    { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 },
  );
  return new Set(
    stdout
      .split('\n')
      .filter((line) => line.startsWith('RESOLVED '))
      .map((line) => line.slice('RESOLVED '.length)),
  );
}

/** The packages, by name, the given URLs belong to. */
export function packagesOf(urls: Iterable<string>): Set<string> {
  const names = new Map<string, string | undefined>();
  const loaded = new Set<string>();
  for (const url of urls) {
    const name = packageOf(url, names);
    if (name) loaded.add(name);
  }
  return loaded;
}

/** Every package, by name, a fresh process loads to `import(specifier)` from `packageDir`: what an import-graph test checks its lazy list against. */
export async function packagesLoadedByImport(packageDir: string, specifier: string): Promise<Set<string>> {
  return packagesOf(await urlsLoadedBy(packageDir, specifier));
}

/** The name in the nearest package.json above a resolved file (node: builtins have none); `names` caches folders. */
function packageOf(url: string, names: Map<string, string | undefined>): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  let dir = dirname(fileURLToPath(url));
  const seen: string[] = [];
  let name: string | undefined;
  while (dir !== dirname(dir)) {
    if (names.has(dir)) {
      name = names.get(dir);
      break;
    }
    seen.push(dir);
    const manifest = join(dir, 'package.json');
    // Nested package.json files without a name (`{"type":"module"}` in dist/esm) belong to the package above.
    name = existsSync(manifest)
      ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name
      : undefined;
    if (name) break;
    dir = dirname(dir);
  }
  for (const folder of seen) names.set(folder, name);
  return name;
}
