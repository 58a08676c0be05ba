import { captureLogger } from '@org/test-utils';
import { describe, expect, it } from 'vitest';
import { UserSecrets } from './userSecrets.js';

describe('UserSecrets', () => {
  const secrets = new UserSecrets(
    new Map([
      ['TOKEN', 'tok-1234567'],
      ['LONG', 'tok-1234567-and-more'],
      ['PIN', '42'],
    ]),
  );

  it('replaces each value of 4 characters or more by its reference, the longest first', () => {
    expect(secrets.text('GET https://x/tok-1234567-and-more/a?t=tok-1234567 pin 42')).toBe(
      `GET https://x/$\{user:LONG}/a?t=$\{user:TOKEN} pin 42`,
    );
  });

  it('scrubs an error in place: its message, its stack and its causes', () => {
    const cause = new Error('cause tok-1234567');
    const error = new Error('failed at https://x/tok-1234567', { cause });
    expect(secrets.error(error)).toBe(error);
    expect(error.message).toBe(`failed at https://x/$\{user:TOKEN}`);
    expect(error.stack).not.toContain('tok-1234567');
    expect(cause.message).toBe(`cause $\{user:TOKEN}`);
  });

  it('makes a logger whose lines, errors and children carry no value', () => {
    const log = captureLogger();
    const logger = secrets.logger(log.logger);
    logger.warn({ err: new Error('bad tok-1234567') }, 'connect to tok-1234567 failed');
    logger.child({ principal: 'alice' }).error('child tok-1234567-and-more');
    expect(log.text()).not.toContain('tok-1234567');
    expect(log.lines.length).toBe(2);
  });
});
