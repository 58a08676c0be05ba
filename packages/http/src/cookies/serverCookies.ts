import type { CookieJar } from 'tough-cookie';

/**
 * tough-cookie (and tldts beneath it), imported at the first `Set-Cookie` an exchange's own jar keeps, never at
 * import: most servers set no cookie. `import`, not `require`: tough-cookie ships both builds, and this is the
 * one a user's `import` gets.
 */
let toughCookie: Promise<typeof import('tough-cookie')> | undefined;

/** Distinct cookies (domain, path, name) an exchange's own jar keeps; later new ones are dropped. */
export const MAX_COOKIES = 50;
/** Longest `Set-Cookie` kept, in characters (RFC 6265 §6.1 asks user agents for at least 4096 bytes). */
export const MAX_COOKIE_LENGTH = 4096;

/**
 * One server's cookies, as a browser would keep them (tough-cookie: domain, path, expiry, Secure), so that a
 * balancer's sticky-session cookie brings every request of a session to its replica. Values are secrets: the
 * exchange scrubs them from error snippets and never logs them. The exchange's own jar is bounded; a jar the
 * user gives is the user's. The exchange's own jar is made at the first answer that sets a cookie.
 */
export class ServerCookies {
  /** The user's jar, else the exchange's own once a server set a cookie. */
  private jar: CookieJar | undefined;
  private readonly bounded: boolean;
  private readonly seen = new Set<string>();
  /** False until a cookie is kept: most servers set none, and then a request costs nothing here. */
  private any = false;

  /** The values kept lately, at most MAX_COOKIES of them, for the exchange to scrub from error snippets. */
  readonly values: Record<string, string> = {};
  private kept = 0;

  constructor(
    jar: CookieJar | undefined,
    private readonly onKept: () => void,
  ) {
    this.bounded = jar === undefined;
    this.jar = jar;
    this.any = jar !== undefined;
  }

  /** The `Cookie` header for a request to `url`, if any cookie applies. */
  header(url: URL): string | undefined {
    if (!this.any) return undefined;
    return (this.jar as CookieJar).getCookieStringSync(url.href) || undefined;
  }

  /**
   * Keeps what an answer from `url` set. Malformed or refused cookies are ignored, as browsers do. A promise only
   * while the exchange's own jar is not made yet (tough-cookie loading); kept at once otherwise.
   */
  keep(setCookie: string | string[] | undefined, url: URL): Promise<void> | undefined {
    if (setCookie === undefined) return undefined;
    if (this.jar) {
      this.keepIn(this.jar, setCookie, url);
      return undefined;
    }
    toughCookie ??= import('tough-cookie');
    return toughCookie.then(({ CookieJar }) => {
      this.jar ??= new CookieJar();
      this.keepIn(this.jar, setCookie, url);
    });
  }

  private keepIn(jar: CookieJar, setCookie: string | string[], url: URL): void {
    let changed = false;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      if (line.length > MAX_COOKIE_LENGTH) continue;
      let cookie: ReturnType<CookieJar['setCookieSync']>;
      try {
        cookie = jar.setCookieSync(line, url.href, { ignoreError: true });
      } catch {
        continue;
      }
      if (!cookie) continue;
      if (this.bounded) {
        const key = `${cookie.domain};${cookie.path};${cookie.key}`;
        if (!this.seen.has(key) && this.seen.size >= MAX_COOKIES) {
          jar.setCookieSync(`${cookie.key}=; Max-Age=0; Path=${cookie.path}`, url.href, {
            ignoreError: true,
          });
          continue;
        }
        this.seen.add(key);
      }
      this.any = true;
      if (!Object.values(this.values).includes(cookie.value)) {
        this.values[String(this.kept++ % MAX_COOKIES)] = cookie.value;
        changed = true;
      }
    }
    if (changed) this.onKept();
  }
}
