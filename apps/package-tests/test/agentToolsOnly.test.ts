import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installProject, type TempProject } from './support/tempProject.js';
import { publishedPackages } from './support/workspace.js';

const agentTools = publishedPackages().find((pkg) => pkg.name === '@org/mcp-agent-tools');

describe('a project that installed @org/mcp-agent-tools and no agent framework', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await installProject(['@org/mcp-agent-tools'], inject('tarballs'));
  });
  afterAll(() => project?.remove());

  it('imports and requires the root, which loads no framework; each framework entry names its missing peer', async () => {
    project.add('agentToolsOnly.mjs');
    const pinned = JSON.parse(readFileSync(new URL('test/publicApi.json', agentTools?.dir), 'utf8'));
    expect(await project.node('agentToolsOnly.mjs')).toEqual({
      rootValues: pinned['.'].values,
      requireGivesTheSameFunctions: true,
      aiSdk: { code: 'ERR_MODULE_NOT_FOUND', missing: 'ai' },
      langchain: { code: 'ERR_MODULE_NOT_FOUND', missing: '@langchain/core' },
      openaiAgents: { code: 'ERR_MODULE_NOT_FOUND', missing: '@openai/agents' },
    });
  });
});
