import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publishedPackages, WORKSPACE, workspacePackages } from './support/workspace.js';

const REPOSITORY = 'git+https://github.com/org/mcp-client-stack.git';

describe.each(publishedPackages())('the manifest of $name', (pkg) => {
  it('says where its source is', () => {
    const directory = fileURLToPath(pkg.dir).slice(fileURLToPath(WORKSPACE).length).replace(/\/$/, '');
    expect(pkg.manifest.repository).toEqual({ type: 'git', url: REPOSITORY, directory });
  });

  it('gives every code entry types, import and a default that require() takes', () => {
    for (const [subpath, target] of Object.entries(pkg.manifest.exports)) {
      if (typeof target === 'object')
        expect(Object.keys(target as object), subpath).toEqual(['types', 'import', 'default']);
    }
  });
});

it('keeps the apps and the helper packages private, so that nothing packs or publishes them', () => {
  expect(
    workspacePackages()
      .filter((pkg) => pkg.private)
      .map((pkg) => pkg.name)
      .sort(),
  ).toEqual([
    '@org/build-config',
    '@org/mcp-bench',
    '@org/mcp-conformance',
    '@org/mcp-console',
    '@org/mcp-demo',
    '@org/mcp-demo-servers',
    '@org/mcp-package-tests',
    '@org/test-utils',
  ]);
});
