// Cookies as a browser keeps them, per origin (scheme, host and port: a node and a provider on the
// same loopback address never see each other's cookies), with Path, Max-Age and Expires honoured,
// so a scripted user agent goes through an identity provider's interaction pages like a browser.

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
  readonly expiresAtMs: number | undefined;
  readonly secure: boolean;
}

export class CookieJar {
  readonly #byOrigin = new Map<string, Map<string, StoredCookie>>();

  /** Stores every Set-Cookie of a response to `url`; an expired or Max-Age=0 cookie removes its namesake. */
  storeFrom(url: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const cookie = parseSetCookie(header, url);
      if (!cookie) continue;
      const cookies = this.#byOrigin.get(url.origin) ?? new Map<string, StoredCookie>();
      this.#byOrigin.set(url.origin, cookies);
      const key = `${cookie.path}\u0000${cookie.name}`;
      if (cookie.expiresAtMs !== undefined && cookie.expiresAtMs <= Date.now()) cookies.delete(key);
      else cookies.set(key, cookie);
    }
  }

  /** The Cookie header for a request to `url` (longest paths first, as RFC 6265 orders them), or undefined. */
  headerFor(url: URL): string | undefined {
    const now = Date.now();
    const cookies = [...(this.#byOrigin.get(url.origin)?.values() ?? [])]
      .filter((cookie) => (cookie.expiresAtMs === undefined || cookie.expiresAtMs > now) && pathMatches(url.pathname, cookie.path))
      .filter((cookie) => !cookie.secure || url.protocol === 'https:' || isLoopback(url.hostname))
      .sort((a, b) => b.path.length - a.path.length);
    return cookies.length === 0 ? undefined : cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }

  /** Names of the cookies an origin holds, to assert on in tests (values stay inside). */
  names(origin: string): string[] {
    return [...(this.#byOrigin.get(origin)?.values() ?? [])].map((cookie) => cookie.name);
  }
}

function parseSetCookie(header: string, url: URL): StoredCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return undefined;
  let path = defaultPath(url.pathname);
  let expiresAtMs: number | undefined;
  let secure = false;
  let maxAgeSeen = false;
  for (const attribute of attributes) {
    const [rawName = '', ...rest] = attribute.split('=');
    const name = rawName.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (name === 'path' && value.startsWith('/')) path = value;
    else if (name === 'secure') secure = true;
    else if (name === 'max-age' && /^-?\d+$/.test(value)) {
      maxAgeSeen = true;
      expiresAtMs = Date.now() + Number(value) * 1000;
    } else if (name === 'expires' && !maxAgeSeen && !Number.isNaN(Date.parse(value))) expiresAtMs = Date.parse(value);
  }
  return { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), path, expiresAtMs, secure };
}

/** RFC 6265 5.1.4: the request path's directory. */
function defaultPath(requestPath: string): string {
  const lastSlash = requestPath.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : requestPath.slice(0, lastSlash);
}

/** RFC 6265 5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** Browsers treat loopback as a secure context, so Secure cookies set by a node on 127.0.0.1 are sent back. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}
