import { describe, expect, it } from 'vitest';
import { bodySnippet, MAX_SNIPPET_LENGTH, secretsOf } from './httpErrorBody.js';

describe('bodySnippet', () => {
  it('scrubs whole header values and their long words, longest first', () => {
    const secrets = secretsOf({ authorization: 'Bearer abcdefgh12345678', 'x-key': 'short' });
    expect(secrets).toEqual(['Bearer abcdefgh12345678', 'abcdefgh12345678', 'short']);
    expect(bodySnippet('got Bearer abcdefgh12345678 and abcdefgh12345678 and short', secrets)).toBe(
      'got [redacted] and [redacted] and [redacted]',
    );
  });

  it('ignores values too short to be worth scrubbing', () => {
    expect(secretsOf({ accept: 'a/b' })).toEqual([]);
  });

  it('puts the body on one line and caps its length', () => {
    expect(bodySnippet('  line one\n\n  line two  ', [])).toBe('line one line two');
    const long = bodySnippet('x'.repeat(1000), []);
    expect(long).toHaveLength(MAX_SNIPPET_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});
