import { describe, expect, it } from 'vitest';
import { childEnvironment } from './childEnvironment.js';

const parent = {
  PATH: '/usr/bin',
  HOME: '/home/me',
  LC_ALL: 'C',
  AWS_SECRET_ACCESS_KEY: 'secret',
  BASH_FUNC_x: '() { evil; }',
  SHELL: '() { evil; }',
};

describe('childEnvironment', () => {
  it('passes only the minimal set under the configured env', () => {
    const env = childEnvironment({ parent, platform: 'linux', env: { TOKEN: 't', HOME: '/srv' } });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/srv', LC_ALL: 'C', TOKEN: 't' });
  });

  it('passes everything with inheritEnv', () => {
    const env = childEnvironment({ parent, platform: 'linux', inheritEnv: true, env: { A: 'b' } });
    expect(env.AWS_SECRET_ACCESS_KEY).toBe('secret');
    expect(env.A).toBe('b');
  });

  it('matches Windows names without case, and a configured name replaces the inherited one', () => {
    const env = childEnvironment({
      parent: { Path: 'C:\\bin', SystemRoot: 'C:\\Windows', SECRET: 's' },
      platform: 'win32',
      env: { PATH: 'D:\\tools' },
    });
    expect(env).toEqual({ SystemRoot: 'C:\\Windows', PATH: 'D:\\tools' });
  });
});
