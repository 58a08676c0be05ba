import { MCPConfigError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { expandVariables, type VariableProblem } from './expandVariables.js';

const env = { TOKEN: 's3cr3t', EMPTY: '', HOST: 'example.com' };

function problemsOf(text: string): VariableProblem[] {
  const problems: VariableProblem[] = [];
  expandVariables(text, env, { onProblem: (p) => problems.push(p) });
  return problems;
}

describe('expandVariables', () => {
  it('expands set variables, in both spellings, anywhere in the string', () => {
    expect(expandVariables('Bearer ${TOKEN}', env)).toBe('Bearer s3cr3t');
    expect(expandVariables('https://${env:HOST}/mcp?t=${TOKEN}', env)).toBe(
      'https://example.com/mcp?t=s3cr3t',
    );
    expect(expandVariables('${EMPTY}', env)).toBe('');
  });

  it('uses the default when unset or empty, and not when set', () => {
    expect(expandVariables('${MISSING:-fallback}', env)).toBe('fallback');
    expect(expandVariables('${EMPTY:-fallback}', env)).toBe('fallback');
    expect(expandVariables('${HOST:-fallback}', env)).toBe('example.com');
    expect(expandVariables('${env:MISSING:-a b:c}', env)).toBe('a b:c');
    expect(expandVariables('${MISSING:-}', env)).toBe('');
    expect(expandVariables('${MISSING:-${TOKEN}', env)).toBe('${TOKEN');
  });

  it('$${ is a literal ${, and $NAME without braces is left alone', () => {
    expect(expandVariables('$${TOKEN}', env)).toBe('${TOKEN}');
    expect(expandVariables('cost: $5, $TOKEN, $', env)).toBe('cost: $5, $TOKEN, $');
    expect(expandVariables('$$${TOKEN}', env)).toBe('$${TOKEN}');
  });

  it('does not look variables up on the prototype', () => {
    expect(problemsOf('${toString}${constructor}')).toEqual([
      { kind: 'unset', variable: 'toString', offset: 0 },
      { kind: 'unset', variable: 'constructor', offset: 11 },
    ]);
  });

  it('reports unset, malformed and unsupported references with their offsets', () => {
    expect(problemsOf('a ${NOPE} b')).toEqual([{ kind: 'unset', variable: 'NOPE', offset: 2 }]);
    expect(problemsOf('${1BAD}')).toEqual([{ kind: 'malformed', offset: 0 }]);
    expect(problemsOf('x ${TOKEN')).toEqual([{ kind: 'malformed', offset: 2 }]);
    expect(problemsOf('${}')).toEqual([{ kind: 'malformed', offset: 0 }]);
    expect(problemsOf('${input:api-key}')).toEqual([
      { kind: 'unsupported', variable: 'input:api-key', offset: 0 },
    ]);
  });

  it('throws an MCPConfigError naming the variable and never a value by default', () => {
    let error: unknown;
    try {
      expandVariables('Bearer ${NOPE} ${TOKEN}', env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MCPConfigError);
    expect((error as MCPConfigError).code).toBe('CONFIG_VARIABLE_UNSET');
    expect((error as MCPConfigError).message).toContain('NOPE');
    expect((error as MCPConfigError).message).not.toContain('s3cr3t');
    expect(() => expandVariables('${', env)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
