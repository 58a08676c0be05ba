import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// In a plain Node process (vitest keeps module copies of its own): the manager re-exports these
// from @org/mcp-auth's light entry, and requires '@org/mcp-auth' when an OAuth server is first made.
// Each must be the very object `import('@org/mcp-auth')` gives, so instanceof holds.
const script = `
import { createRequire } from 'node:module';
const manager = await import('@org/mcp-manager');
const auth = await import('@org/mcp-auth');
const required = createRequire(import.meta.resolve('@org/mcp-manager'))('@org/mcp-auth');
const same = {};
for (const name of ['FileTokenStore', 'MemoryTokenStore', 'headlessAuthorizationHandler', 'loopbackAuthorizationHandler'])
  same[name] = manager[name] === auth[name];
same.instanceof = new manager.MemoryTokenStore() instanceof auth.MemoryTokenStore;
same.required = required.OAuthProvider === auth.OAuthProvider && required.MemoryTokenStore === auth.MemoryTokenStore;
console.log(JSON.stringify(same));
`;

describe("the auth the manager hands on is @org/mcp-auth's own", () => {
  it('re-exported and lazily required classes are the same objects as imported ones', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
    });
    expect(JSON.parse(stdout)).toEqual({
      FileTokenStore: true,
      MemoryTokenStore: true,
      headlessAuthorizationHandler: true,
      loopbackAuthorizationHandler: true,
      instanceof: true,
      required: true,
    });
  });
});
