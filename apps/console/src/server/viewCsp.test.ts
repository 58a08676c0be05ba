import { describe, expect, it } from 'vitest';
import { viewAllow, viewCsp } from './viewCsp.js';

describe('viewCsp', () => {
  it("is the extension's restrictive default when the view declares nothing", () => {
    const csp = viewCsp({});
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it('adds the declared origins, and only well-formed ones: nothing a server sends breaks out of a directive', () => {
    const csp = viewCsp({
      csp: {
        connectDomains: [
          'https://api.example.com',
          "https://x; script-src 'unsafe-eval'",
          'wss://live.example.com:8443',
        ],
        resourceDomains: ['https://*.cdn.example.com', 'javascript:alert(1)'],
      },
    });
    expect(csp).toContain('connect-src https://api.example.com wss://live.example.com:8443;');
    expect(csp).toContain("script-src 'self' 'unsafe-inline' https://*.cdn.example.com;");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('javascript:');
  });
});

describe('viewAllow', () => {
  it('names the permissions the view asked for as the iframe allow attribute does', () => {
    expect(viewAllow({ permissions: ['clipboardWrite', 'camera'] })).toBe('clipboard-write; camera');
    expect(viewAllow({})).toBe('');
  });
});
