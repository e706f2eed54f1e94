// The node's SQLite store and the workbench queries on it, without a broker: real submissions
// prepared and signed as a node would, written straight into a store in a temporary folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { NodeStore } from '../../services/node/node-store.ts';
import { nodeQueries } from '../../services/node/node-queries.ts';
import { parseInboxQuery } from '../../services/node/workbench/inbox-query.ts';
import { alertInput, prepared, storeReceived, storeSent } from '../support/store-messages.ts';

function tempStore(t: TestContext, state = 'KHM'): { dir: string; store: NodeStore } {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-store-test-'));
  const store = NodeStore.open(dir, state);
  t.after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, store };
}

const query = (text: string) => parseInboxQuery(new URLSearchParams(text));
const HOUR = 3_600_000;

test('a received message is stored once; a second create of the same id is refused and changes nothing', async (t) => {
  const { store } = tempStore(t);
  const alert = prepared('IDN', alertInput('IDN-2026-000001'));
  const record = { messageId: alert.summary.messageId, summary: alert.summary, receivedAtUnixMs: 1, streamSequence: 1, acknowledged: {} };
  assert.equal(await store.received.create(record.messageId, record, alert.envelope), true);
  assert.equal(await store.received.create(record.messageId, { ...record, streamSequence: 2 }, alert.envelope), false);
  assert.equal(store.received.get(record.messageId)?.streamSequence, 1);
  assert.equal(await store.idempotency.create('k', { messageId: 'a', envelope: '', published: false, createdAtUnixMs: 1 }), true);
  assert.equal(await store.idempotency.create('k', { messageId: 'b', envelope: '', published: false, createdAtUnixMs: 2 }), false);
  assert.equal(store.idempotency.get('k')?.messageId, 'a');
});

test('the detail holds the whole payload in submission words, identifiers as kind and key id only, and records the officer who opened it', async (t) => {
  const { store } = tempStore(t);
  const queries = nodeQueries('KHM', store, () => Date.now());
  const id = await storeReceived(store, prepared('IDN', alertInput('IDN-2026-000002')));
  assert.equal(queries.inbox(query(''), 'sokha').items[0]?.unread, true);
  const detail = queries.detail(id, 'sokha');
  assert.ok(detail);
  const payload = detail.payload as any;
  assert.equal(payload.kind, 'rescue-request');
  assert.equal(payload.victims[0].ageBand, '18-24');
  assert.deepEqual(payload.requestedActions, ['rescue', 'repatriate']);
  assert.deepEqual(payload.victims[0].identifiers[0], { kind: 'passport', keyed: true, keyId: 'ASEAN-MATCH-TEST-01' });
  assert.equal(payload.location.placeName, 'Sihanoukville');
  assert.equal(detail.envelope.senderState, 'IDN');
  assert.equal(detail.envelope.priority, 'immediate');
  assert.ok(detail.envelope.keyId);
  const text = JSON.stringify(detail);
  assert.ok(!text.includes('digest') && !text.includes('9876543'), 'no keyed hash value and no clear identifier');
  assert.deepEqual(detail.openedBy.map((opened) => opened.officer), ['sokha']);
  assert.equal(queries.inbox(query(''), 'sokha').items[0]?.unread, false);
  assert.equal(queries.inbox(query(''), 'dara').items[0]?.unread, true);
  assert.equal(queries.inbox(query('unread=true'), 'dara').total, 1);
  assert.equal(queries.inbox(query('unread=true'), 'sokha').total, 0);
});

test('the inbox pages, sorts and filters in SQL: kind, priority, nationality, state and role, case, free text', async (t) => {
  const { store } = tempStore(t);
  const queries = nodeQueries('KHM', store, () => Date.now());
  const base = Date.now();
  for (let i = 0; i < 12; i += 1) {
    const input = alertInput(`IDN-2026-0001${String(i).padStart(2, '0')}`, {
      kind: i % 3 === 0 ? 'missing-person' : 'rescue-request', priority: i % 2 === 0 ? 'urgent' : 'routine',
      nationality: i < 4 ? 'MMR' : 'IDN', place: i === 7 ? 'Poipet' : 'Sihanoukville',
      summary: i === 5 ? 'Workers held near the border casino of Bavet, passports confiscated.' : undefined,
    });
    await storeReceived(store, prepared('IDN', input, base + i * 1_000), base + i * 1_000);
  }
  const first = queries.inbox(query('pageSize=5'));
  assert.equal(first.total, 12);
  assert.equal(first.items.length, 5);
  assert.equal(first.items[0]?.summary.caseReference, 'IDN-2026-000111', 'newest first by default');
  const third = queries.inbox(query('pageSize=5&page=3'));
  assert.equal(third.items.length, 2);
  assert.equal(queries.inbox(query('sort=time&order=asc&pageSize=1')).items[0]?.summary.caseReference, 'IDN-2026-000100');
  assert.equal(queries.inbox(query('sort=priority&pageSize=12')).items.slice(0, 6).every((item) => item.summary.priority === 'urgent'), true);
  assert.equal(queries.inbox(query('kinds=missing-person')).total, 4);
  assert.equal(queries.inbox(query('kinds=case-alert')).total, 12);
  assert.equal(queries.inbox(query('priorities=routine')).total, 6);
  assert.equal(queries.inbox(query('nationalities=MMR')).total, 4);
  assert.equal(queries.inbox(query('states=THA&roles=transit')).total, 12);
  assert.equal(queries.inbox(query('states=THA&roles=destination')).total, 0);
  assert.equal(queries.inbox(query('states=IDN&roles=sender')).total, 12);
  assert.equal(queries.inbox(query('caseReference=IDN-2026-000103')).total, 1);
  assert.equal(queries.inbox(query('handling=red')).total, 0);
  assert.equal(queries.inbox(query('q=poipet')).items[0]?.summary.caseReference, 'IDN-2026-000107');
  assert.equal(queries.inbox(query('q=bavet casino')).total, 1);
  assert.equal(queries.inbox(query('q=casi')).total, 1, 'words match as prefixes');
  assert.equal(queries.inbox(query('q=%22%29%28')).total, 0, 'text without a word matches nothing');
  assert.equal(queries.inbox(query('box=sent')).total, 0);
});

test('a bad inbox parameter is refused naming it', () => {
  for (const [text, name] of [['pageSize=500', 'pageSize'], ['sort=size', 'sort'], ['box=mine', 'box'], ['nationalities=XX', 'nationalities'], ['page=0', 'page'], ['unread=yes', 'unread']] as const) {
    assert.throws(() => query(text), (error: Error & { problems?: string[] }) => (error.problems ?? []).some((problem) => problem.startsWith(name)), text);
  }
});

test('answers keep a request open until they settle it; withdrawal stops its deadline and takes it off the due list', async (t) => {
  const { store } = tempStore(t, 'IDN');
  let now = Date.now();
  const queries = nodeQueries('IDN', store, () => now);
  const request = prepared('IDN', {
    type: 'assistance-request', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
    caseReference: 'IDN-2026-000200', payload: { kind: 'information', requestedState: 'KHM', summary: 'Locate the compound in Sihanoukville.', replyDeadline: new Date(now + HOUR).toISOString() },
  }, now);
  const requestId = await storeSent(store, request);
  const answer = (outcome: string, extra: Record<string, unknown> = {}) => prepared('KHM', {
    type: 'assistance-response', senderUnit: 'KHM-NCB', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'urgent',
    caseReference: 'IDN-2026-000200', payload: { requestMessageId: requestId, outcome, summary: `answer ${outcome}`, ...extra },
  }, now);
  await storeReceived(store, answer('in-progress'));
  now += 2 * HOUR;
  assert.equal(queries.inbox(query('box=sent&overdue=true')).total, 1, 'in-progress does not stop the clock');
  assert.deepEqual(queries.escalationInput().sent.map((entry) => entry.summary.messageId), [requestId]);
  await storeReceived(store, answer('accepted', { personsAssisted: 3 }));
  const item = queries.inbox(query('box=sent')).items[0];
  assert.equal(item?.deadline?.state, 'answered');
  assert.equal(item?.recipients?.[0]?.stage, 'answered');
  assert.equal(item?.recipients?.[0]?.answer?.personsAssisted, 3);
  assert.equal(queries.inbox(query('box=sent&overdue=true')).total, 0);
  assert.deepEqual(queries.escalationInput().sent, []);

  // A second request, unanswered: due, sorted first by deadline, until it is withdrawn.
  const second = prepared('IDN', {
    type: 'assistance-request', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
    caseReference: 'IDN-2026-000201', payload: { kind: 'information', requestedState: 'KHM', summary: 'Who runs the compound?', replyDeadline: new Date(now + HOUR).toISOString() },
  }, now);
  const secondId = await storeSent(store, second);
  assert.equal(queries.due().awaitingAnswer.find((due) => due.messageId === secondId)?.deadline?.state, 'open');
  assert.equal(queries.inbox(query('box=all&sort=deadline&order=asc')).items[0]?.messageId, secondId);
  const withdrawSecond = prepared('IDN', {
    type: 'retraction', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
    caseReference: 'IDN-2026-000201', payload: { retractedMessageId: secondId, kind: 'withdraw', reason: 'Answered by phone.' },
  }, now);
  await storeSent(store, withdrawSecond);
  assert.equal(queries.due().awaitingAnswer.some((due) => due.messageId === secondId), false);
  assert.equal(queries.caseThread('IDN-2026-000201')?.withdrawn, true);

  const withdraw = prepared('IDN', {
    type: 'retraction', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
    caseReference: 'IDN-2026-000200', payload: { retractedMessageId: requestId, kind: 'withdraw', reason: 'Sent in error.' },
  }, now);
  await storeSent(store, withdraw);
  const withdrawn = queries.detail(requestId);
  assert.equal(withdrawn?.withdrawn?.reason, 'Sent in error.');
  assert.equal(withdrawn?.deadline?.state, 'withdrawn');
  assert.equal(withdrawn?.answers.length, 2);
  assert.equal(queries.due().awaitingAnswer.some((due) => due.messageId === requestId), false);
  const thread = queries.caseThread('IDN-2026-000200');
  assert.deepEqual(thread?.messages.map((message) => message.summary.payloadName), ['assistance-request', 'assistance-response', 'assistance-response', 'retraction']);
  assert.equal(thread?.withdrawn, false, 'the answers are not withdrawn');
});

test('a correction links the original and its replacement, whichever arrives first', async (t) => {
  const { store } = tempStore(t);
  const queries = nodeQueries('KHM', store, () => Date.now());
  const original = prepared('IDN', alertInput('IDN-2026-000300'));
  const replacement = prepared('IDN', alertInput('IDN-2026-000300', { summary: 'Corrected: four nationals held.' }));
  const correction = prepared('IDN', {
    type: 'retraction', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'immediate', caseReference: 'IDN-2026-000300',
    payload: { retractedMessageId: original.summary.messageId, kind: 'correct', reason: 'Wrong count.', replacementMessageId: replacement.summary.messageId },
  });
  await storeReceived(store, original);
  await storeReceived(store, correction);
  await storeReceived(store, replacement);
  assert.equal(queries.detail(original.summary.messageId)?.correctedBy?.replacementMessageId, replacement.summary.messageId);
  assert.equal(queries.detail(replacement.summary.messageId)?.corrects, original.summary.messageId);
  assert.equal(queries.detail(original.summary.messageId)?.deadline?.state, 'withdrawn');
});

test('a store opened again holds everything it held, opened marks included', async (t) => {
  const { dir, store } = tempStore(t);
  const id = await storeReceived(store, prepared('IDN', alertInput('IDN-2026-000400')));
  nodeQueries('KHM', store, () => Date.now()).detail(id, 'sokha');
  store.close();
  const again = NodeStore.open(dir, 'KHM');
  t.after(() => again.close());
  const page = nodeQueries('KHM', again, () => Date.now()).inbox(query(''), 'sokha');
  assert.equal(page.total, 1);
  assert.equal(page.items[0]?.unread, false);
});
