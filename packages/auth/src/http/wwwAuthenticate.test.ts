import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from './wwwAuthenticate.js';

describe('parseBearerChallenge', () => {
  it('reads error, scope and resource_metadata of a Bearer challenge, quoted or not', async () => {
    expect(
      await parseBearerChallenge(
        'Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example/.well-known/oauth-protected-resource", error_description="more, please"',
      ),
    ).toEqual({
      error: 'insufficient_scope',
      scope: 'files:read files:write',
      resourceMetadata: 'https://mcp.example/.well-known/oauth-protected-resource',
      errorDescription: 'more, please',
    });
    expect(await parseBearerChallenge('Bearer error=invalid_token')).toMatchObject({
      error: 'invalid_token',
    });
  });

  it('picks the Bearer challenge among several, and gives nothing for no or a broken header', async () => {
    expect(await parseBearerChallenge('Basic realm="x", Bearer scope="a"')).toMatchObject({ scope: 'a' });
    expect(await parseBearerChallenge(undefined)).toEqual({});
    expect(await parseBearerChallenge('"')).toEqual({});
  });
});
