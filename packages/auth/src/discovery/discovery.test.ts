import { describe, expect, it } from 'vitest';
import { canonicalResource, resourceCovers, resourceString } from '../http/resourceUrl.js';
import { metadataCandidates } from './discovery.js';
import { resourceMetadataCandidates } from './protectedResource.js';
import { unionScopes } from './scopeSelection.js';

const hrefs = (urls: URL[]) => urls.map((u) => u.href);

describe('discovery order', () => {
  it('protected resource metadata: the challenge URL, then path-based, then root', () => {
    expect(hrefs(resourceMetadataCandidates(new URL('https://h.example/a/mcp'), '/prm'))).toEqual([
      'https://h.example/prm',
      'https://h.example/.well-known/oauth-protected-resource/a/mcp',
      'https://h.example/.well-known/oauth-protected-resource',
    ]);
    expect(hrefs(resourceMetadataCandidates(new URL('https://h.example/'), undefined))).toEqual([
      'https://h.example/.well-known/oauth-protected-resource',
    ]);
  });

  it('authorization server metadata: RFC 8414 then OIDC, with path insertion and the tenant variant', () => {
    expect(hrefs(metadataCandidates(new URL('https://as.example/tenant1')))).toEqual([
      'https://as.example/.well-known/oauth-authorization-server/tenant1',
      'https://as.example/.well-known/openid-configuration/tenant1',
      'https://as.example/tenant1/.well-known/openid-configuration',
    ]);
    expect(hrefs(metadataCandidates(new URL('https://as.example')))).toEqual([
      'https://as.example/.well-known/oauth-authorization-server',
      'https://as.example/.well-known/openid-configuration',
    ]);
  });

  it('resources: canonical form, and which metadata may speak for which server', () => {
    expect(resourceString(canonicalResource('HTTPS://MCP.Example.com/#x'))).toBe('https://mcp.example.com');
    expect(resourceString(canonicalResource('https://mcp.example.com/mcp'))).toBe(
      'https://mcp.example.com/mcp',
    );
    expect(resourceCovers(new URL('https://h.example/'), new URL('https://h.example/mcp'))).toBe(true);
    expect(resourceCovers(new URL('https://h.example/mcp'), new URL('https://h.example/mcp'))).toBe(true);
    expect(resourceCovers(new URL('https://h.example/other'), new URL('https://h.example/mcp'))).toBe(false);
    expect(resourceCovers(new URL('https://h.example/mc'), new URL('https://h.example/mcp'))).toBe(false);
    expect(resourceCovers(new URL('https://evil.example/'), new URL('https://h.example/mcp'))).toBe(false);
  });

  it('scopes: a union in first-seen order', () => {
    expect(unionScopes('a b', 'b c')).toBe('a b c');
    expect(unionScopes(undefined, undefined)).toBeUndefined();
  });
});
