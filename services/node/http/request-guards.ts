// Defences against requests a browser can be tricked into making, as pure decisions on a request's
// headers (the hooks in node-http.ts apply them):
//  - a Host allow-list, so a DNS-rebound name (Host: evil.example) is not served;
//  - state-changing requests must come from the node's own pages: an Origin, when sent, is one of
//    the node's own origins, and Sec-Fetch-Site, when sent, is same-origin or none (typed by hand);
//  - state-changing requests carry JSON, which a page on another origin cannot send without a
//    CORS preflight the node never grants (text/plain and form posts are 415).

export interface GuardVerdict {
  readonly status: number;
  readonly error: string;
  readonly message: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Host header values the node answers to: its listening address and any names configured. */
export function allowedHostsFor(host: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>([withPort(host, port)]);
  if (isLoopback(host)) for (const name of ['127.0.0.1', 'localhost', '[::1]']) names.add(withPort(name, port));
  for (const name of extra) names.add(name.toLowerCase());
  return names;
}

function withPort(host: string, port: number): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${bracketed.toLowerCase()}:${port}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

export function checkHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): GuardVerdict | undefined {
  if (hostHeader !== undefined && allowed.has(hostHeader.toLowerCase())) return undefined;
  return { status: 421, error: 'HOST_NOT_ALLOWED', message: 'this node does not answer to that Host name; use the address it was configured with' };
}

export interface OriginHeaders {
  readonly origin?: string | undefined;
  readonly secFetchSite?: string | undefined;
}

/** `allowedOrigins` are scheme://host[:port] of the node's own pages. */
export function checkOrigin(method: string, headers: OriginHeaders, allowedOrigins: ReadonlySet<string>): GuardVerdict | undefined {
  if (!isStateChanging(method)) return undefined;
  const site = headers.secFetchSite?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, error: 'CROSS_SITE_REQUEST', message: `a state-changing request from a ${site} page is refused; use the node's own dashboard` };
  }
  if (headers.origin !== undefined && !allowedOrigins.has(headers.origin.toLowerCase())) {
    return { status: 403, error: 'CROSS_SITE_REQUEST', message: "a state-changing request from another origin is refused; use the node's own dashboard" };
  }
  return undefined;
}

export function checkContentType(method: string, contentType: string | undefined): GuardVerdict | undefined {
  if (!isStateChanging(method)) return undefined;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return undefined;
  return { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message: `send JSON with "Content-Type: application/json"${mediaType ? `, not ${mediaType}` : ''}` };
}

export function originsFor(allowedHosts: ReadonlySet<string>, tls: boolean): Set<string> {
  const scheme = tls ? 'https' : 'http';
  const origins = new Set<string>();
  for (const host of allowedHosts) {
    origins.add(`${scheme}://${host}`);
    // Browsers leave out the default port in Origin.
    if ((tls && host.endsWith(':443')) || (!tls && host.endsWith(':80'))) origins.add(`${scheme}://${host.replace(/:\d+$/, '')}`);
  }
  return origins;
}
