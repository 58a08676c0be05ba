import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// In a fresh process: whether pino is loaded after the import and after createLogger(), then one line
// logged with a header and an env value, which must come out redacted.
const script = `
const { createRequire } = require('node:module');
const pinoLoaded = () => Object.keys(require.cache).some((file) => /[\\\\/]pino[\\\\/]pino\\.js$/.test(file));
(async () => {
  const { createLogger } = await import('@org/mcp-core');
  const atImport = pinoLoaded();
  const logger = createLogger({ base: undefined, timestamp: false });
  process.stderr.write(JSON.stringify({ atImport, afterCreate: pinoLoaded() }) + '\\n');
  logger.child({ server: 'fs' }).info({ headers: { authorization: 'Bearer s3cret' }, env: { TOKEN: 's3cret' } }, 'connecting');
})();
`;

describe('createLogger', () => {
  it('loads pino at its first call, not at import, and redacts header and env values', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--input-type=commonjs', '-e', script],
      { cwd: packageDir },
    );
    expect(JSON.parse(stderr)).toEqual({ atImport: false, afterCreate: true });
    const line = JSON.parse(stdout) as Record<string, unknown>;
    expect(line).toMatchObject({ server: 'fs', msg: 'connecting', headers: '[redacted]', env: '[redacted]' });
    expect(stdout).not.toContain('s3cret');
  });
});
