import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJsonText } from './parseJsonText.js';

function syntaxErrorOf(text: string): JsonSyntaxError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('parseJsonText', () => {
  it('agrees with JSON.parse on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parseJsonText(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts comments, trailing commas and a BOM', () => {
    const text = '\uFEFF{\n  // a comment\n  "a": [1, 2,], /* block */\n  "b": {"c": null,},\n}\n';
    expect(parseJsonText(text)).toEqual({ a: [1, 2], b: { c: null } });
  });

  it('keeps a __proto__ key as an ordinary property', () => {
    const value = parseJsonText('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  it('locates errors by line and column without quoting the text', () => {
    const error = syntaxErrorOf('{\n  "token": "sk-live-123"\n  "next": 1\n}');
    expect([error.line, error.column, error.offset]).toEqual([3, 3, 29]);
    expect(error.message).toBe('line 3, column 3: expected "," or "}" after a property value');
    expect(error.message).not.toContain('sk-live-123');
    expect(syntaxErrorOf('{"a": "unterminated').message).toBe('line 1, column 7: unterminated string');
    expect(syntaxErrorOf('{"a": 1} x').message).toBe(
      'line 1, column 10: unexpected content after the end of the JSON value',
    );
    expect(syntaxErrorOf('').message).toBe('line 1, column 1: unexpected end of input, expected a value');
    expect(syntaxErrorOf('{"a": [1, 2').message).toBe(
      'line 1, column 12: expected "," or "]" after an array element',
    );
    expect(syntaxErrorOf("{'a': 1}").message).toBe(
      'line 1, column 2: expected a property name in double quotes',
    );
    expect(syntaxErrorOf('/* open').message).toBe('line 1, column 1: unterminated comment');
  });

  it('turns absurd nesting into a syntax error, not a stack overflow', () => {
    expect(syntaxErrorOf('['.repeat(MAX_JSON_DEPTH + 2)).message).toContain('nesting deeper than');
  });

  it('random text gives a value or a JsonSyntaxError, never another exception', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789.eE+-tfnrul /*\n\\"abc') }),
        (text) => {
          try {
            parseJsonText(text);
          } catch (error) {
            expect(error).toBeInstanceOf(JsonSyntaxError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
