import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

// Only the entries are roots and no lib is loaded: telling a value from a type needs no checking.
const OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
  noLib: true,
  noEmit: true,
};
const THIRD_PARTY = /[\\/]node_modules[\\/]/;

/**
 * Reads the stack's own files only (a sibling package resolves to its real folder, outside
 * node_modules): third-party declarations, zod's above all, would be most of the time and say
 * nothing about what a package of ours exports.
 */
function ownFilesHost() {
  const host = ts.createCompilerHost(OPTIONS);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    THIRD_PARTY.test(fileName)
      ? ts.createSourceFile(fileName, '', languageVersion)
      : read(fileName, languageVersion, ...rest);
  return host;
}

/**
 * The names each module exports, as the TypeScript compiler sees them, sorted: `values` exist at
 * run time (classes, functions, constants), `types` only in declarations (interfaces, type aliases,
 * `export type`). One program for all the entries, so what they share is parsed once.
 */
export function publicApi(...entries) {
  const files = entries.map((entry) => (entry instanceof URL ? fileURLToPath(entry) : entry));
  const program = ts.createProgram(files, OPTIONS, ownFilesHost());
  const checker = program.getTypeChecker();
  return files.map((file) => {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file} is not a module`);
    const values = [];
    const types = [];
    for (const symbol of checker.getExportsOfModule(module)) {
      (isRuntimeValue(checker, symbol) ? values : types).push(symbol.getName());
    }
    return { values: values.sort(), types: types.sort() };
  });
}

/** Follows re-exports to the declaration; any `export type` on the way makes it a type only. */
function isRuntimeValue(checker, symbol) {
  let current = symbol;
  while (current.flags & ts.SymbolFlags.Alias) {
    if (current.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) return false;
    current = checker.getImmediateAliasedSymbol(current);
    if (!current) return false;
  }
  return (current.flags & ts.SymbolFlags.Value) !== 0;
}

/** The package's code entries: every subpath of `exports` that has types (`.` is src/index.ts, `./x` src/x.ts). */
export function codeEntries(packageDir) {
  const manifest = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
  return Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === 'object' && 'types' in target)
    .map(([subpath]) => ({
      specifier: `${manifest.name}${subpath.slice(1)}`,
      subpath,
      source: new URL(`src/${subpath === '.' ? 'index' : subpath.slice(2)}.ts`, packageDir),
    }));
}

/** Where a package pins its names: `{ [subpath]: { values, types } }`. */
export const PINNED_API_FILE = 'test/publicApi.json';

/**
 * Tests that the package's code entries export exactly the names in its test/publicApi.json, so
 * that any change to a public API is a visible diff of that file (`vitest run -u` writes it anew).
 */
export function pinPublicApi(packageDir) {
  const entries = codeEntries(packageDir);
  const specifiers = entries.map((entry) => entry.specifier).join(' and ');
  it(`the public API of ${specifiers} is ${PINNED_API_FILE}`, async () => {
    const apis = publicApi(...entries.map((entry) => entry.source));
    const pinned = Object.fromEntries(entries.map((entry, index) => [entry.subpath, apis[index]]));
    await expect(`${JSON.stringify(pinned, null, 2)}\n`).toMatchFileSnapshot(
      fileURLToPath(new URL(PINNED_API_FILE, packageDir)),
    );
  });
}
