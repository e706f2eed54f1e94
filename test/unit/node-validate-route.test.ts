import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodePayload } from '../../services/core/codec.ts';
import { isRejection } from '../../services/core/errors.ts';
import { createLogger } from '../../services/core/logging/mod.ts';
import { v1 } from '../../services/core/proto.ts';
import { parseSubmissionInput, toEnvelopeFields } from '../../services/core/validation/mod.ts';
import type { TokenScope } from '../../services/node-access/mod.ts';
import { startNodeHttp } from '../../services/node/mod.ts';
import { resolveRecipients, routingPolicy } from '../../services/router/mod.ts';
import { listedNodeApi } from '../support/listed-node-api.ts';
import { MemoryAccess } from '../support/memory-access.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;

interface Answer { status: number; body: { ok?: boolean; error: string; message: string; problems: string[]; reasonCode?: string; reason?: string } }

/** A node's HTTP API over real HTTP, publishing to a list. */
async function startApi(t: TestContext, state = 'IDN', scopes: readonly TokenScope[] = ['submit', 'read', 'acknowledge']) {
  const { node, published } = listedNodeApi(state);
  const access = new MemoryAccess();
  const { token } = access.addToken(scopes, 'case-system', `${state}-CASES`);
  const http = await startNodeHttp({ node, access, logger: createLogger({ service: 'node', level: 'silent' }) });
  t.after(() => http.close());
  const post = async (path: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${http.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  return { post, published };
}

/** What the hub's router says of the same document (resolveRecipients), to compare words. */
function hubWords(document: unknown, sender = 'IDN'): { code: string; reason: string } {
  const { fields } = toEnvelopeFields(parseSubmissionInput(document), { sender, nowMs: Date.now(), matchingKey: TEST_MATCHING_KEY });
  const envelope = v1.Envelope.create({ ...fields, keyId: `${sender}-0000000000000000`, signature: new Uint8Array(64) });
  try {
    resolveRecipients(envelope, decodePayload(envelope), routingPolicy());
  } catch (error) {
    if (isRejection(error)) return { code: error.code, reason: error.message };
    throw error;
  }
  throw new Error('the hub would accept it');
}

const redByRouteRole = { ...example, handling: 'red' };
const routeOnlyThroughSender = {
  ...example, distribution: { mode: 'route-roles', routeRoles: ['transit'] },
  payload: { ...example.payload, route: [{ state: 'IDN', role: 'origin' }, { state: 'IDN', role: 'transit' }, { state: 'KHM', role: 'destination' }] },
};

describe('refused before sending, in the hub\'s words', () => {
  test('TLP:RED addressed by route role is refused 422 with RED_NEEDS_NAMED_RECIPIENTS, the field and the words the hub would use; nothing is sent', async (t) => {
    const { post, published } = await startApi(t);
    const answer = await post('/api/messages', redByRouteRole);
    const hub = hubWords({ ...redByRouteRole, handling: 'red' });
    assert.equal(answer.status, 422);
    assert.deepEqual([answer.body.error, answer.body.reasonCode, answer.body.reason], [hub.code, 'RED_NEEDS_NAMED_RECIPIENTS', hub.reason]);
    assert.deepEqual(answer.body.problems, [`distribution.mode: RED_NEEDS_NAMED_RECIPIENTS: ${hub.reason}`]);
    assert.deepEqual(published, []);
  });

  test('a route-role distribution that reaches nobody but the sender is refused with NO_RECIPIENTS naming distribution.routeRoles', async (t) => {
    const { post, published } = await startApi(t);
    const answer = await post('/api/messages', routeOnlyThroughSender);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.reason, hubWords(routeOnlyThroughSender).reason);
    assert.match(answer.body.problems[0] ?? '', /^distribution\.routeRoles: NO_RECIPIENTS: /);
    assert.deepEqual(published, []);
  });

  test('a partner state broadcasting is refused with PARTNER_NOT_PERMITTED', async (t) => {
    const { post } = await startApi(t, 'ARE');
    const broadcast = { ...example, caseReference: 'ARE-2026-1', distribution: { mode: 'regional-broadcast' } };
    const answer = await post('/api/messages', broadcast);
    assert.deepEqual([answer.status, answer.body.error, answer.body.reason], [422, 'PARTNER_NOT_PERMITTED', hubWords(broadcast, 'ARE').reason]);
  });
});

describe('POST /api/messages/validate', () => {
  test('a document the node would send answers 200 { ok: true } and nothing is published', async (t) => {
    const { post, published } = await startApi(t);
    const answer = await post('/api/messages/validate', example);
    assert.deepEqual([answer.status, answer.body], [200, { ok: true }]);
    assert.deepEqual(published, []);
  });

  test('a hub rule breach answers 422 with the very body POST /api/messages gives', async (t) => {
    const { post } = await startApi(t);
    const validated = await post('/api/messages/validate', redByRouteRole);
    const submitted = await post('/api/messages', redByRouteRole);
    assert.equal(validated.status, 422);
    assert.deepEqual(validated.body, submitted.body);
  });

  test('bad input answers 422 with the problems POST /api/messages lists, naming each field', async (t) => {
    const { post, published } = await startApi(t);
    const bad = { ...example, handling: 'purple', payload: { ...example.payload, victims: [{ ...example.payload.victims[0], count: 0 }] } };
    const validated = await post('/api/messages/validate', bad);
    const submitted = await post('/api/messages', bad);
    assert.equal(validated.status, 422);
    assert.equal(submitted.status, 400);
    assert.deepEqual(validated.body, submitted.body);
    assert.ok(validated.body.problems.some((problem) => problem.startsWith('handling: ')));
    assert.ok(!JSON.stringify(validated.body).includes('9876543'), 'never repeats an identifier');
    const contract = await post('/api/messages/validate', { ...example, payload: { ...example.payload, route: [{ state: 'IDN', role: 'origin' }] } });
    assert.equal(contract.status, 422);
    assert.ok(contract.body.problems.some((problem) => problem.startsWith('case_alert.route')), contract.body.problems.join(' | '));
    assert.deepEqual(published, []);
  });

  test('it needs the permission sending needs', async (t) => {
    const { post } = await startApi(t, 'IDN', ['read']);
    const answer = await post('/api/messages/validate', example);
    assert.equal(answer.status, 403);
  });
});
