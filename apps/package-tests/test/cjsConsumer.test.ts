import { readFileSync } from 'node:fs';
import { codeEntries, PINNED_API_FILE } from '@org/build-config/public-api';
import { ConfigErrorCode, ManagerErrorCode, StdioErrorCode } from '@org/mcp-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installProject, type TempProject } from './support/tempProject.js';
import { publishedPackages } from './support/workspace.js';

const tarballs = inject('tarballs');
/** Every entry of every published package, and the values its test/publicApi.json pins. */
const entries = publishedPackages().flatMap((pkg) => {
  const pinned = JSON.parse(readFileSync(new URL(PINNED_API_FILE, pkg.dir), 'utf8'));
  return codeEntries(pkg.dir).map((entry) => ({
    specifier: entry.specifier,
    values: pinned[entry.subpath].values,
  }));
});

/** Every published package's optional peer dependencies, at the ranges it declares. */
function optionalPeers(): Record<string, string> {
  return Object.fromEntries(
    publishedPackages().flatMap((pkg) =>
      Object.entries((pkg.manifest.peerDependencies ?? {}) as Record<string, string>).filter(
        ([name]) => pkg.manifest.peerDependenciesMeta?.[name]?.optional === true,
      ),
    ),
  );
}

describe('a CommonJS project that installed the packed tarballs', () => {
  let project: TempProject;
  let report: any;
  beforeAll(async () => {
    // With the optional peers that the framework entries of @org/mcp-agent-tools load.
    project = await installProject(Object.keys(tarballs), tarballs, optionalPeers());
    project.add('cjsConsumer.cjs');
    report = await project.node('cjsConsumer.cjs', JSON.stringify(entries.map((entry) => entry.specifier)));
  });
  afterAll(() => project?.remove());

  it('packed every published package and nothing private', () => {
    expect(Object.keys(tarballs).sort()).toEqual(
      publishedPackages()
        .map((pkg) => pkg.name)
        .sort(),
    );
  });

  it('require()s every entry and gets exactly the values pinned for it', () => {
    expect(report.exportsOf).toEqual(
      Object.fromEntries(entries.map((entry) => [entry.specifier, entry.values])),
    );
  });

  it('gets errors from the manager, the stdio transport and the config loader that are instances of core required apart', () => {
    expect(report.spawnFailed).toEqual({
      code: StdioErrorCode.SPAWN_FAILED,
      name: 'MCPConnectionError',
      isMCPError: true,
      isConnectionError: true,
      isConfigError: false,
    });
    expect(report.unknownServer).toMatchObject({
      code: ManagerErrorCode.UNKNOWN_SERVER,
      isConnectionError: true,
    });
    expect(report.configInvalid).toMatchObject({ code: ConfigErrorCode.CONFIG_INVALID, isConfigError: true });
  });

  it('shares one copy of each class: the factory, the manager and ESM import alike', () => {
    expect(report).toMatchObject({
      clientIsBaseClient: true,
      managerReexportsCoreClasses: true,
      requireAndImportShareClasses: true,
    });
  });
});
