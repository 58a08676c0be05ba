import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { MAX_COOKIE_LENGTH, MAX_COOKIES, ServerCookies } from './serverCookies.js';

const url = new URL('https://mcp.example.com/mcp');

describe('ServerCookies', () => {
  it('sends back what the server set, by domain and path, and tells when it kept a new value', async () => {
    let told = 0;
    const cookies = new ServerCookies(undefined, () => told++);
    expect(cookies.header(url)).toBeUndefined();
    // The first cookie of its own jar waits for tough-cookie to load; later ones are kept at once.
    await cookies.keep(['SRV=r1; Path=/', 'other=x; Path=/elsewhere', 'broken'], url);
    expect(cookies.header(url)).toBe('SRV=r1');
    expect(cookies.header(new URL('https://other.example.com/mcp'))).toBeUndefined();
    expect(Object.values(cookies.values)).toEqual(['r1', 'x']);
    expect(cookies.keep('SRV=r1; Path=/', url)).toBeUndefined();
    expect(told).toBe(1);
  });

  it(`keeps at most ${MAX_COOKIES} distinct cookies of its own and none longer than ${MAX_COOKIE_LENGTH} characters`, async () => {
    const cookies = new ServerCookies(undefined, () => {});
    await cookies.keep(
      Array.from({ length: MAX_COOKIES + 20 }, (_, index) => `c${index}=v${index}`),
      url,
    );
    cookies.keep(`long=${'x'.repeat(MAX_COOKIE_LENGTH)}`, url);
    const sent = (cookies.header(url) ?? '').split('; ');
    expect(sent).toHaveLength(MAX_COOKIES);
    expect(sent).not.toContain(`c${MAX_COOKIES}=v${MAX_COOKIES}`);
    expect(Object.keys(cookies.values)).toHaveLength(MAX_COOKIES);
    // A cookie already kept is still replaced.
    cookies.keep('c0=new', url);
    expect(cookies.header(url)).toContain('c0=new');
  });

  it("uses a jar given to it, unbounded (the user's), from its first request", () => {
    const jar = new CookieJar();
    jar.setCookieSync('seeded=1', url.href);
    const cookies = new ServerCookies(jar, () => {});
    expect(cookies.header(url)).toBe('seeded=1');
    expect(cookies.keep('SRV=r0', url)).toBeUndefined();
    expect(jar.getCookieStringSync(url.href)).toBe('seeded=1; SRV=r0');
  });
});
