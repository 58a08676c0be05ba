import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installProject, type TempProject } from './support/tempProject.js';

describe('a host with two installed copies of @org/mcp-core', () => {
  let host: TempProject;
  let other: TempProject;
  beforeAll(async () => {
    [host, other] = await Promise.all([
      installProject(['@org/mcp-core'], inject('tarballs')),
      installProject(['@org/mcp-core'], inject('tarballs')),
    ]);
  });
  afterAll(() => {
    host?.remove();
    other?.remove();
  });

  it('takes an error made by either copy for an instance of the other copy’s class and its parents, never of a sibling', async () => {
    host.add('twoCopies.mjs');
    expect(await host.node('twoCopies.mjs', other.dir)).toEqual({
      distinctCopies: true,
      authFromAInB: {
        MCPError: true,
        MCPConnectionError: true,
        MCPAuthError: true,
        MCPTimeoutError: false,
        MCPAbortError: false,
      },
      timeoutFromBInA: {
        MCPError: true,
        MCPConnectionError: false,
        MCPAuthError: false,
        MCPTimeoutError: true,
        MCPAbortError: false,
      },
      connectionFromAInB: {
        MCPError: true,
        MCPConnectionError: true,
        MCPAuthError: false,
        MCPTimeoutError: false,
        MCPAbortError: false,
      },
    });
  });
});
