import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigErrorCode, ManagerErrorCode } from '@org/mcp-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installProject, type TempProject } from './support/tempProject.js';
import { run, WORKSPACE } from './support/workspace.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('a project that installed only @org/mcp-manager', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await installProject(['@org/mcp-manager'], inject('tarballs'));
  });
  afterAll(() => project?.remove());

  it('imports and requires the errors, loadMcpConfig and MCPClientFactory from the manager alone', async () => {
    project.add('managerOnly.mjs');
    expect(await project.node('managerOnly.mjs')).toEqual({
      client: { name: 'local', transportType: 'stdio' },
      syntax: {
        code: ConfigErrorCode.CONFIG_SYNTAX,
        isMCPError: true,
        isConfigError: true,
        catalogueClass: 'MCPConfigError',
      },
      unknown: { code: ManagerErrorCode.UNKNOWN_SERVER, isMCPError: true },
      catalogueCoversEveryCode: true,
      requireGivesTheSameClasses: true,
      resolvableBesideTheManager: [],
    });
  });

  it('type-checks a user module that takes every type it needs from the manager', async () => {
    project.add('typesConsumer.mts');
    const tsconfig = {
      compilerOptions: {
        module: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        // The host's Node types; the project installed nothing but the manager.
        typeRoots: [fileURLToPath(new URL('node_modules/@types', WORKSPACE))],
        types: ['node'],
      },
      files: ['typesConsumer.mts'],
    };
    writeFileSync(join(project.dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], project.dir);
  });
});
