// A user agent for sign-in tests: plain fetch with redirects handled by hand, a cookie jar per
// origin, and the first POST form of a page filled in and submitted, so a test walks a real
// identity provider's pages (and a node's sign-in routes) like a browser, without one.
import { CookieJar } from './cookie-jar.ts';

export interface NavigationOptions {
  /**
   * Stop at the first URL that starts with this, without requesting it (the client's redirect URI).
   * Default: the `redirect_uri` of the first authorization request met on the way.
   */
  readonly stopAt?: string;
  /** Called on each page with a form: a URL it returns is requested (GET) instead of submitting the form. */
  readonly choose?: (page: { readonly url: URL; readonly html: string }) => URL | undefined;
  /** Called with each form's fields (hidden inputs already filled) before it is submitted. */
  readonly fill?: (fields: URLSearchParams, page: URL) => void;
  /** Requests and form submissions before giving up (default 20). */
  readonly maxSteps?: number;
}

export interface AgentRequest {
  readonly method?: 'GET' | 'POST';
  readonly form?: URLSearchParams;
  readonly headers?: Readonly<Record<string, string>>;
}

interface PageForm {
  readonly action: URL;
  readonly fields: URLSearchParams;
}

export class ScriptedUserAgent {
  readonly cookies = new CookieJar();
  /** Every URL requested, in order (origin and path only: queries carry codes and state). */
  readonly history: string[] = [];

  /** One request with this agent's cookies; redirects are not followed, cookies set are kept. */
  async request(url: URL | string, request: AgentRequest = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = this.cookies.headerFor(target);
    this.history.push(`${request.method ?? 'GET'} ${target.origin}${target.pathname}`);
    const response = await fetch(target, {
      method: request.method ?? 'GET',
      redirect: 'manual',
      headers: {
        accept: 'text/html,application/json;q=0.9',
        ...(cookie === undefined ? {} : { cookie }),
        ...(request.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        ...request.headers,
      },
      ...(request.form === undefined ? {} : { body: request.form.toString() }),
    });
    this.cookies.storeFrom(target, response);
    return response;
  }

  /** Follows redirects and submits forms from `startUrl` until a URL starting with the stop prefix, and returns that URL. */
  async navigate(startUrl: URL | string, options: NavigationOptions = {}): Promise<URL> {
    let next: { url: URL; request: AgentRequest } = { url: new URL(startUrl), request: {} };
    let stopAt = options.stopAt;
    for (let step = 0; step < (options.maxSteps ?? 20); step += 1) {
      stopAt ??= redirectUriOf(next.url);
      if (stopAt !== undefined && next.url.href.startsWith(stopAt)) return next.url;
      const response = await this.request(next.url, next.request);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.arrayBuffer();
        const keepsMethod = response.status === 307 || response.status === 308;
        next = { url: new URL(location, next.url), request: keepsMethod ? next.request : {} };
        continue;
      }
      const body = await response.text();
      const form = response.ok ? firstPostForm(body, next.url) : undefined;
      if (form === undefined) throw new Error(`the user agent stopped at ${next.url.origin}${next.url.pathname}: HTTP ${response.status}, no redirect and no form (${excerpt(body)})`);
      const chosen = options.choose?.({ url: next.url, html: body });
      if (chosen !== undefined) {
        next = { url: chosen, request: {} };
        continue;
      }
      options.fill?.(form.fields, next.url);
      next = { url: form.action, request: { method: 'POST', form: form.fields } };
    }
    throw new Error(`the user agent did not reach ${stopAt ?? 'a redirect URI'} within ${options.maxSteps ?? 20} steps: ${this.history.slice(-5).join(' -> ')}`);
  }
}

/** An OAuth authorization request names where the answer goes. */
function redirectUriOf(url: URL): string | undefined {
  return url.searchParams.has('response_type') ? url.searchParams.get('redirect_uri') ?? undefined : undefined;
}

/** The target of the first link whose href ends with `suffix`, resolved against the page. */
export function linkEndingWith(html: string, page: URL, suffix: string): URL | undefined {
  for (const [, anchorAttributes = ''] of html.matchAll(/<a\b([^>]*)>/gi)) {
    const href = attributesOf(anchorAttributes).get('href');
    if (href !== undefined && new URL(href, page).pathname.endsWith(suffix)) return new URL(href, page);
  }
  return undefined;
}

function firstPostForm(html: string, page: URL): PageForm | undefined {
  for (const [, formAttributes = '', inner = ''] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = attributesOf(formAttributes);
    if ((attributes.get('method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields = new URLSearchParams();
    for (const [, inputAttributes = ''] of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const input = attributesOf(inputAttributes);
      const name = input.get('name');
      if (name !== undefined) fields.append(name, input.get('value') ?? '');
    }
    return { action: new URL(attributes.get('action') ?? page.href, page), fields };
  }
  return undefined;
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name = '', doubleQuoted, singleQuoted, bare] of text.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attributes.set(name.toLowerCase(), decodeEntities(doubleQuoted ?? singleQuoted ?? bare ?? ''));
  }
  return attributes;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return named[body.toLowerCase()] ?? entity;
  });
}

/** The visible text of an error page, shortened, to say in a failure why the walk stopped. */
function excerpt(html: string): string {
  return html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
}
