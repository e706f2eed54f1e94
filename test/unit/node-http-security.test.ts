// The node's HTTP layer as an attacker and as each role would use it, over real HTTP, with a node
// whose publishing is a list (no broker): authentication on every route, request-forgery and
// rebinding defences, roles and scopes, tokens revoked at once, sign-in cookies and guessing,
// security headers, feed caps.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createLogger } from '../../services/core/logging/mod.ts';
import { openApiDocument, startNodeHttp } from '../../services/node/mod.ts';
import { listedNodeApi } from '../support/listed-node-api.ts';
import { MemoryAccess } from '../support/memory-access.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const RECEIVED_ID = '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13';
const PASSWORD = 'correct horse battery staple';

async function startApi(t: TestContext, options: { maxOpenFeedsPerCaller?: number; requestsPerMinute?: number } = {}) {
  const { node, published, acknowledged } = listedNodeApi();
  const access = new MemoryAccess();
  await access.addOfficer('sokha', 'officer', PASSWORD, 'IDN-NCB');
  await access.addOfficer('chief', 'supervisor', PASSWORD, 'IDN-NCB');
  await access.addOfficer('audit1', 'auditor', PASSWORD, 'IDN-INSPECTORATE');
  const http = await startNodeHttp({ node, access, logger: createLogger({ service: 'node', level: 'silent' }), ...options });
  t.after(() => http.close());
  return { http, access, published, acknowledged, url: http.url };
}

async function signIn(url: string, officer: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ officer, password }) });
  assert.equal(response.status, 200, `sign-in of ${officer}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function call(url: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** A raw request, to send a Host header fetch would not let us set. */
function rawGet(url: string, path: string, host: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers: { host } }, (response) => { response.resume(); resolve(response.statusCode ?? 0); });
    request.on('error', reject);
    request.end();
  });
}

describe('node HTTP API security', () => {
  test('every route of the OpenAPI document that is not public answers 401 without credentials', async (t) => {
    const { http, url, published } = await startApi(t);
    const document = openApiDocument(http.app) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    let checked = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (Array.isArray(operation.security) && operation.security.length === 0) continue;
        const concrete = path.replace('{messageId}', RECEIVED_ID);
        const response = await call(url, concrete, { method: method.toUpperCase(), ...(method === 'get' ? {} : { body: {} }) });
        assert.equal(response.status, 401, `${method.toUpperCase()} ${path}`);
        assert.equal(((await response.json()) as { error: string }).error, 'UNAUTHENTICATED');
        checked += 1;
      }
    }
    assert.ok(checked >= 9, `checked ${checked} routes`);
    assert.deepEqual(published, []);
  });

  test('a cross-origin text/plain or form POST, a foreign Origin and a cross-site fetch are refused and nothing is published', async (t) => {
    const { url, published, access } = await startApi(t);
    const cookie = await signIn(url, 'chief');
    const { token } = access.addToken(['submit']);
    const body = JSON.stringify(example);
    const attempts: [string, Record<string, string>, number][] = [
      ['text/plain from another origin', { 'content-type': 'text/plain', origin: 'https://evil.example', cookie }, 403],
      ['text/plain from the same origin', { 'content-type': 'text/plain', cookie }, 415],
      ['a form post', { 'content-type': 'application/x-www-form-urlencoded', cookie }, 415],
      ['JSON with a foreign Origin', { 'content-type': 'application/json', origin: 'https://evil.example', cookie }, 403],
      ['JSON marked cross-site', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', cookie }, 403],
      ['JSON marked same-site (a sibling host)', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', authorization: `Bearer ${token}` }, 403],
    ];
    for (const [what, headers, status] of attempts) {
      const response = await fetch(`${url}/api/messages`, { method: 'POST', headers, body });
      assert.equal(response.status, status, what);
    }
    assert.deepEqual(published, []);
    const own = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url, 'sec-fetch-site': 'same-origin', cookie }, body });
    assert.equal(own.status, 202, 'the node\'s own page may submit');
    assert.equal(published.length, 1);
  });

  test('a request for another Host name (DNS rebinding) is refused before anything is served', async (t) => {
    const { url } = await startApi(t);
    assert.equal(await rawGet(url, '/api/received', 'evil.example'), 421);
    assert.equal(await rawGet(url, '/', 'evil.example:80'), 421);
    assert.equal(await rawGet(url, '/', `localhost:${new URL(url).port}`), 200);
  });

  test('each role can do exactly its actions, and a refusal names the missing permission', async (t) => {
    const { url, published, access } = await startApi(t);
    const answer = { ...example, type: 'assistance-response' };
    const retraction = { ...example, type: 'retraction' };
    const cases: [string, string, { method?: string; body?: unknown }, string | null][] = [
      ['officer', '/api/received', {}, null],
      ['officer', `/api/messages/${RECEIVED_ID}/acknowledge`, { method: 'POST', body: { status: 'read' } }, null],
      ['officer', '/api/messages', { method: 'POST', body: example }, 'send'],
      ['officer', '/api/messages', { method: 'POST', body: retraction }, 'retract'],
      ['officer', '/api/messages', { method: 'POST', body: answer }, null],
      ['supervisor', '/api/messages', { method: 'POST', body: example }, null],
      ['supervisor', '/api/messages', { method: 'POST', body: retraction }, null],
      ['auditor', '/api/received', {}, 'read'],
      ['auditor', `/api/messages/${RECEIVED_ID}/acknowledge`, { method: 'POST', body: { status: 'read' } }, 'acknowledge'],
      ['auditor', '/api/messages', { method: 'POST', body: example }, 'send'],
      ['token:read', '/api/received', {}, null],
      ['token:read', '/api/messages', { method: 'POST', body: example }, 'send'],
      ['token:submit', '/api/messages', { method: 'POST', body: example }, null],
      ['token:submit', '/api/received', {}, 'read'],
      ['token:submit', `/api/messages/${RECEIVED_ID}/acknowledge`, { method: 'POST', body: { status: 'read' } }, 'acknowledge'],
    ];
    const cookies = { officer: await signIn(url, 'sokha'), supervisor: await signIn(url, 'chief'), auditor: await signIn(url, 'audit1') };
    const tokens = { 'token:read': access.addToken(['read']).token, 'token:submit': access.addToken(['submit']).token };
    for (const [who, path, init, missing] of cases) {
      const credentials = who.startsWith('token:') ? { authorization: `Bearer ${tokens[who as keyof typeof tokens]}` } : { cookie: cookies[who as keyof typeof cookies] };
      const response = await call(url, path, { ...init, headers: credentials });
      const body = (await response.json()) as { error?: string; missingPermission?: string; message?: string };
      if (missing === null) {
        assert.ok(response.status < 400 || body.error === 'INVALID_INPUT', `${who} ${init.method ?? 'GET'} ${path}: ${response.status} ${body.message ?? ''}`);
      } else {
        assert.equal(response.status, 403, `${who} ${init.method ?? 'GET'} ${path}`);
        assert.equal(body.missingPermission, missing);
        assert.match(body.message ?? '', new RegExp(`"${missing}"`));
      }
    }
    assert.equal(published.length, 2, 'the supervisor\'s and the token\'s alert; the answer and retraction pass the role check and are refused by validation');
  });

  test('a revoked token stops working at once, and a disabled account ends its sessions', async (t) => {
    const { url, access } = await startApi(t);
    const { token, tokenId } = access.addToken(['read']);
    assert.equal((await call(url, '/api/received', { headers: { authorization: `Bearer ${token}` } })).status, 200);
    access.revoke(tokenId);
    const revoked = await call(url, '/api/received', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 401);
    assert.equal(((await revoked.json()) as { reason: string }).reason, 'TOKEN_REVOKED');
    const cookie = await signIn(url, 'sokha');
    access.disable('sokha');
    assert.equal((await call(url, '/api/received', { headers: { cookie } })).status, 401);
  });

  test('the sign-in cookie is HttpOnly, SameSite=Strict and expires; wrong passwords are refused and guessing is paused', async (t) => {
    const { url } = await startApi(t);
    const response = await fetch(`${url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ officer: 'sokha', password: PASSWORD }) });
    const setCookie = response.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Max-Age=\d+/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain loopback HTTP: Secure would make the browser drop it');
    const session = await call(url, '/auth/session', { headers: { cookie: setCookie.split(';')[0] ?? '' } });
    assert.deepEqual(((await session.json()) as { role: string; permissions: string[] }).permissions, ['read', 'acknowledge', 'answer']);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      statuses.push((await call(url, '/auth/sign-in', { method: 'POST', body: { officer: 'sokha', password: 'wrong password!!' } })).status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    assert.equal((await call(url, '/auth/sign-in', { method: 'POST', body: { officer: 'nobody-here', password: 'wrong password!!' } })).status, 401);
  });

  test('answers carry security headers: a CSP without inline script, no framing, nosniff', async (t) => {
    const { url } = await startApi(t);
    const page = await fetch(`${url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const api = await call(url, '/api/received');
    assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
  });

  test('a malformed %-encoding in a path is 400, not 503', async (t) => {
    const { url, access } = await startApi(t);
    const { token } = access.addToken(['read']);
    const response = await call(url, '/api/received/%E0%A4%A', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 400);
  });

  test('open feeds are capped per caller; durable feeds are for signed-in officers only; officer= is refused', async (t) => {
    const { url, access } = await startApi(t, { maxOpenFeedsPerCaller: 2 });
    const { token } = access.addToken(['read']);
    const headers = { authorization: `Bearer ${token}` };
    const controllers = [new AbortController(), new AbortController()];
    t.after(() => controllers.forEach((controller) => controller.abort()));
    for (const controller of controllers) {
      const open = await fetch(`${url}/api/feed`, { headers, signal: controller.signal });
      assert.equal(open.status, 200);
    }
    assert.equal((await call(url, '/api/feed', { headers })).status, 429);
    assert.equal((await call(url, '/api/feed?durable=true', { headers })).status, 403);
    assert.equal((await call(url, '/api/feed?officer=anyone', { headers })).status, 400);
    const cookie = await signIn(url, 'sokha');
    const durable = new AbortController();
    t.after(() => durable.abort());
    assert.equal((await fetch(`${url}/api/feed?durable=true`, { headers: { cookie }, signal: durable.signal })).status, 200);
  });

  test('acknowledgements carry the acting officer and unit', async (t) => {
    const { url, acknowledged, access } = await startApi(t);
    const cookie = await signIn(url, 'sokha');
    assert.equal((await call(url, `/api/messages/${RECEIVED_ID}/acknowledge`, { method: 'POST', body: { status: 'read' }, headers: { cookie } })).status, 202);
    const { token } = access.addToken(['acknowledge'], 'case-system', 'IDN-CASES');
    assert.equal((await call(url, `/api/messages/${RECEIVED_ID}/acknowledge`, { method: 'POST', body: { status: 'actioned' }, headers: { authorization: `Bearer ${token}` } })).status, 202);
    assert.deepEqual(acknowledged[0]?.actor, { unit: 'IDN-NCB', officerRef: 'sokha' });
    assert.equal((acknowledged[1]?.actor as { unit: string }).unit, 'IDN-CASES');
  });

  test('requests are rate-limited per caller: one caller over the limit gets 429, another caller goes on', async (t) => {
    const { url, access } = await startApi(t, { requestsPerMinute: 5 });
    const busy = access.addToken(['read']).token;
    const quiet = access.addToken(['read']).token;
    const statuses: number[] = [];
    for (let request = 0; request < 6; request += 1) statuses.push((await call(url, '/api/received', { headers: { authorization: `Bearer ${busy}` } })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    const limited = await call(url, '/api/received', { headers: { authorization: `Bearer ${busy}` } });
    assert.equal(((await limited.json()) as { error: string }).error, 'RATE_LIMITED');
    assert.equal((await call(url, '/api/received', { headers: { authorization: `Bearer ${quiet}` } })).status, 200);
  });
});

describe('node HTTP API under a client that goes away', () => {
  test('a request aborted before its answer is one warn line, not an error with a stack, and the node answers the next request', async (t) => {
    const lines: { level: number; msg: string; err?: unknown }[] = [];
    const destination = { write: (line: string) => { lines.push(JSON.parse(line) as { level: number; msg: string }); } };
    let release: () => void = () => undefined;
    const { node } = listedNodeApi();
    const slow = { ...node, submit: () => new Promise<never>((_resolve, reject) => { release = () => reject(new Error('gave up')); }) };
    const access = new MemoryAccess();
    const { token } = access.addToken(['submit', 'read']);
    const http = await startNodeHttp({ node: slow, access, logger: createLogger({ service: 'node', level: 'info', destination }) });
    t.after(() => http.close());
    const controller = new AbortController();
    const pending = fetch(`${http.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(example), signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const answer = await call(http.url, '/api/received', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.status, 200);
    const warnings = lines.filter((line) => line.level === 40);
    assert.deepEqual(warnings.map((line) => line.msg), ['client closed the request before the answer']);
    assert.deepEqual(lines.filter((line) => line.level >= 50), [], 'no error line');
  });
});
