/** Deeper nesting than this is a syntax error rather than a stack overflow. */
export const MAX_JSON_DEPTH = 256;

/** Where and why a config file is not valid JSON. The message never quotes the file's content. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  /** 1-based line of the offending character. */
  readonly line: number;
  /** 1-based column of the offending character. */
  readonly column: number;
  /** 0-based offset of the offending character. */
  readonly offset: number;

  constructor(reason: string, line: number, column: number, offset: number) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.line = line;
    this.column = column;
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A string token: no raw control characters, only JSON's escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERALS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const;

/**
 * Parses JSON, also accepting what editors write into MCP configs (JSONC: `//` and block comments,
 * trailing commas, a byte-order mark). We parse ourselves because `JSON.parse` errors quote the
 * surrounding text, which may hold a secret, and do not always give a position.
 */
export function parseJsonText(text: string): unknown {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (reason: string, at = pos): never => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < text.length; i++) {
      if (text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    throw new JsonSyntaxError(reason, line, at - lineStart + 1, at);
  };

  const skip = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
      else if (c === '/' && text[pos + 1] === '/') {
        const end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length : end + 1;
      } else if (c === '/' && text[pos + 1] === '*') {
        const end = text.indexOf('*/', pos + 2);
        if (end < 0) fail('unterminated comment');
        pos = end + 2;
      } else return;
    }
  };

  const string = (): string => {
    STRING.lastIndex = pos;
    const match = STRING.exec(text);
    if (!match) {
      const end = text.indexOf('"', pos + 1);
      fail(end < 0 ? 'unterminated string' : 'invalid character or escape in string');
    }
    pos += match![0].length;
    return JSON.parse(match![0]) as string;
  };

  const value = (depth: number): unknown => {
    if (depth > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    skip();
    const c = text[pos];
    if (c === undefined) return fail('unexpected end of input, expected a value');
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    for (const [word, literal] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return literal;
      }
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (match) {
      pos += match[0].length;
      return Number(match[0]);
    }
    return fail('unexpected character, expected a value');
  };

  const object = (depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    pos++;
    skip();
    while (text[pos] !== '}') {
      if (text[pos] !== '"')
        fail(
          text[pos] === undefined
            ? 'unexpected end of input, expected "}"'
            : 'expected a property name in double quotes',
        );
      const key = string();
      skip();
      if (text[pos] !== ':') fail('expected ":" after a property name');
      pos++;
      // defineProperty so that a "__proto__" key stays an ordinary property, as with JSON.parse.
      Object.defineProperty(result, key, {
        value: value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      skip();
      if (text[pos] === ',') {
        pos++;
        skip();
      } else if (text[pos] !== '}') fail('expected "," or "}" after a property value');
    }
    pos++;
    return result;
  };

  const array = (depth: number): unknown[] => {
    const result: unknown[] = [];
    pos++;
    skip();
    while (text[pos] !== ']') {
      if (text[pos] === undefined) fail('unexpected end of input, expected "]"');
      result.push(value(depth + 1));
      skip();
      if (text[pos] === ',') {
        pos++;
        skip();
      } else if (text[pos] !== ']') fail('expected "," or "]" after an array element');
    }
    pos++;
    return result;
  };

  const result = value(0);
  skip();
  if (pos < text.length) fail('unexpected content after the end of the JSON value');
  return result;
}
