import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLogger } from '../../services/core/logging/mod.ts';
import { startNodeHttp } from '../../services/node/mod.ts';
import { listedNodeApi } from '../support/listed-node-api.ts';
import { MemoryAccess } from '../support/memory-access.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;

/** The HTTP API over a node whose publishing is a list (listedNodeApi). */
async function startApi(t: import('node:test').TestContext) {
  const { node, published } = listedNodeApi();
  const access = new MemoryAccess();
  const { token } = access.addToken(['submit', 'read', 'acknowledge']);
  const http = await startNodeHttp({ node, access, logger: createLogger({ service: 'node', level: 'silent' }) });
  t.after(() => http.close());
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${http.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { error: string; problems: string[]; messageId: string } };
  };
  return { http, published, post };
}

const withVictim = (changes: Record<string, unknown>) => ({ ...example, payload: { ...example.payload, victims: [{ ...example.payload.victims[0], ...changes }] } });

const BAD_INPUTS: ReadonlyArray<readonly [string, unknown, string]> = [
  ['an unknown handling mark', { ...example, handling: 'purple' }, 'handling'],
  ['a misspelt field', { ...example, priorty: 'urgent' }, 'priorty'],
  ['a missing case reference', { ...example, caseReference: undefined }, 'caseReference'],
  ['a victim count of zero', withVictim({ count: 0 }), 'payload.victims[0].count'],
  ['a phone number that cannot be normalised', withVictim({ identifiers: [{ kind: 'phone', value: '12' }] }), 'payload.victims[0].identifiers[0].value'],
  ['an unknown recipient', { ...example, distribution: { mode: 'named', states: ['XYZ'] } }, 'distribution.states[0]'],
  ['a route without a destination', { ...example, payload: { ...example.payload, route: [{ state: 'IDN', role: 'origin' }] } }, 'case_alert.route'],
  ['a body that is not JSON', '{"type": "case-alert",', '(body)'],
];

describe('node HTTP API input', () => {
  for (const [what, body, field] of BAD_INPUTS) {
    test(`${what} is answered 400 naming ${field}, and nothing is published`, async (t) => {
      const { post, published } = await startApi(t);
      const answer = await post('/api/messages', body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error, 'INVALID_INPUT');
      assert.ok(answer.body.problems.some((problem) => problem.startsWith(`${field}`)), `${field} in ${answer.body.problems.join(' | ')}`);
      assert.deepEqual(published, []);
      assert.ok(!JSON.stringify(answer.body).includes('9876543'));
    });
  }

  test('a phone number in national form is answered 400 naming the field and asking for the international form, without the number', async (t) => {
    const { post, published } = await startApi(t);
    const answer = await post('/api/messages', withVictim({ identifiers: [{ kind: 'phone', value: '0812-5555-0199' }] }));
    assert.equal(answer.status, 400);
    const problem = answer.body.problems.find((item) => item.startsWith('payload.victims[0].identifiers[0].value: '));
    assert.match(problem ?? '', /international form \("\+" or "00", then the country code\)/, answer.body.problems.join(' | '));
    assert.ok(!JSON.stringify(answer.body).includes('5555'), 'the answer never repeats the number');
    assert.deepEqual(published, []);
  });

  test('a valid document is answered 202 with its message id', async (t) => {
    const { post, published } = await startApi(t);
    const answer = await post('/api/messages', example);
    assert.equal(answer.status, 202);
    assert.deepEqual(published, [answer.body.messageId]);
  });

  test('an acknowledgement with an unknown status, and a message id that is not a UUID, name the field', async (t) => {
    const { post } = await startApi(t);
    const badStatus = await post('/api/messages/3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13/acknowledge', { status: 'done' });
    assert.equal(badStatus.status, 400);
    assert.match(badStatus.body.problems[0] ?? '', /^status: /);
    const badId = await post('/api/messages/not-an-id/acknowledge', { status: 'read' });
    assert.equal(badId.status, 400);
    assert.match(badId.body.problems[0] ?? '', /^messageId: /);
  });

  test('the dashboard is served at / and unknown paths are 404', async (t) => {
    const { http } = await startApi(t);
    const page = await fetch(`${http.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script type="module" src="\/app.js">/);
    assert.equal((await fetch(`${http.url}/app.js`)).headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await fetch(`${http.url}/nothing`)).status, 404);
  });
});
