import { describe, expect, it } from 'vitest';
import {
  argumentWords,
  inputText,
  keyValues,
  literal,
  variableName,
  withPlaceholders,
} from './registryValues.js';

describe('registryValues', () => {
  it('names variables a shell can set', () => {
    expect(variableName('X-API-Key')).toBe('X_API_KEY');
    expect(variableName('--port')).toBe('PORT');
    expect(variableName('tenant_id')).toBe('TENANT_ID');
    expect(variableName('2fa')).toBe('_2FA');
    expect(variableName('API_TOKEN')).toBe('API_TOKEN');
  });

  it('an input: its value, else ${NAME:-default}, else ${NAME} when required, else nothing', () => {
    expect(inputText({ value: 'fixed' }, 'N')).toBe('fixed');
    expect(inputText({ default: 'info' }, 'LOG_LEVEL')).toBe('${LOG_LEVEL:-info}');
    expect(inputText({ isRequired: true }, 'TOKEN')).toBe('${TOKEN}');
    expect(inputText({ isRequired: true, default: 'a' }, 'T')).toBe('${T:-a}');
    expect(inputText({}, 'OPTIONAL')).toBeUndefined();
    expect(inputText({ default: 'a}b' }, 'T')).toBe('a}b');
  });

  it('keeps a literal ${ of the server.json literal', () => {
    expect(literal('ghcr.io/x:${VERSION}')).toBe('ghcr.io/x:$${VERSION}');
    expect(inputText({ value: 'a ${B}' }, 'N')).toBe('a $${B}');
  });

  it('resolves {placeholders} of its variables, leaving unknown ones as written', () => {
    const variables = {
      token: { isRequired: true },
      region: { default: 'eu' },
      note: {},
    };
    expect(withPlaceholders('TOKEN={token}', variables)).toBe('TOKEN=${TOKEN}');
    expect(withPlaceholders('https://{region}.x/{tenant}', variables)).toBe(
      'https://${REGION:-eu}.x/{tenant}',
    );
    expect(withPlaceholders('n={note}', variables)).toBe('n=${NOTE:-}');
  });

  it('turns runtime and package arguments into words', () => {
    expect(
      argumentWords([
        {
          type: 'named',
          name: '-e',
          value: 'GITHUB_PERSONAL_ACCESS_TOKEN={token}',
          variables: { token: { isRequired: true } },
        },
        { type: 'named', name: '--rm', value: 'true', format: 'boolean' },
        { type: 'named', name: '--verbose', value: 'false', format: 'boolean' },
        { type: 'named', name: '--port', format: 'number', default: '8080' },
        { type: 'named', name: '--host', isRequired: true },
        { type: 'named', name: '--optional' },
        { type: 'positional', value: 'mcp' },
        { type: 'positional', valueHint: 'target_dir', isRequired: true },
        { type: 'positional', valueHint: 'extra' },
      ]),
    ).toEqual([
      '-e',
      'GITHUB_PERSONAL_ACCESS_TOKEN=${TOKEN}',
      '--rm',
      '--port',
      '${PORT:-8080}',
      '--host',
      '${HOST}',
      'mcp',
      '${TARGET_DIR}',
    ]);
  });

  it('environment variables by their own names, headers by a variable made of theirs', () => {
    expect(
      keyValues(
        [{ name: 'API_KEY', isRequired: true }, { name: 'MODE', default: 'fast' }, { name: 'UNSET' }],
        (n) => n,
      ),
    ).toEqual({ API_KEY: '${API_KEY}', MODE: '${MODE:-fast}' });
    expect(keyValues([{ name: 'X-Api-Key', isRequired: true }], variableName)).toEqual({
      'X-Api-Key': '${X_API_KEY}',
    });
  });
});
