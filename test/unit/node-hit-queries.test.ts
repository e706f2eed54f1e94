// A hit/no-hit query through the node, without a broker: what the node holds of an answer and of
// the hits it was told of (real SQLite store), the follow-up check before sending, waiting for
// the answer on the node's events, the HTTP route on a listed node, the audit words and the CLI's.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, HubRuleRefusal, v1, type ComposedEnvelope } from '../../services/core/mod.ts';
import { createLogger } from '../../services/core/logging/mod.ts';
import { hubHitNotice, hubHitQueryAnswer } from '../../services/router/mod.ts';
import { NodeStore, prepareSubmission, replyDeadlines, startNodeHttp, summariseMessage, type NodeApi } from '../../services/node/mod.ts';
import { NodeEvents, type FeedItem } from '../../services/node/node-events.ts';
import { awaitQueryOutcome, hitQuerySubmission, queryOutcomeOf, type QueryOutcome } from '../../services/node/hit-query-request.ts';
import { hitAuditDetail } from '../../services/node/hit-audit.ts';
import { outcomeBody, queryAuditDetail, statusOfOutcome } from '../../services/node/http/query-routes.ts';
import { formatQueryOutcome, identifiersFromOptions, scopeFromOption } from '../../services/cli/commands/query.ts';
import { prepared, storeSent } from '../support/store-messages.ts';
import { listedNodeApi } from '../support/listed-node-api.ts';
import { MemoryAccess } from '../support/memory-access.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const HUB_KEY = generateSigningKey('HUB');
const NOW = Date.parse('2026-11-18T10:00:00Z');
const QUERY_ID = '0e000000-0000-4000-8000-000000000001';
const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;

function tempStore(t: TestContext): NodeStore {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-hit-query-test-'));
  const store = NodeStore.open(dir, 'VNM');
  t.after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

let sequence = 0;
async function storeFromHub(store: NodeStore, composed: ComposedEnvelope): Promise<void> {
  sequence += 1;
  const summary = summariseMessage(composed.envelope, composed.payload);
  await store.received.create(composed.envelope.messageId, { messageId: composed.envelope.messageId, summary, receivedAtUnixMs: NOW + sequence, streamSequence: sequence, acknowledged: {} }, composed.envelope);
}

const answerFor = (queryMessageId: string, exercise = false) => hubHitQueryAnswer({
  messageId: '0f000000-0000-4000-8000-00000000000a', to: 'VNM', queryMessageId, exercise, drillId: exercise ? 'drill-1' : '', nowMs: NOW + 5_000,
  results: [
    { index: 1, identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PASSPORT, hit: false, hits: [] },
    { index: 0, identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE, hit: true, hits: [{ counterpartState: 'IDN', hitId: 'hit-aa' }, { counterpartState: 'THA', hitId: 'hit-bb' }] },
  ],
}, HUB_KEY);

const followUpInput = (hitId: string, to: string) => ({
  ...example('assistance-request-hit-follow-up'), senderUnit: 'BOI-VN-BORDER', caseReference: 'VNM-2026-000001',
  distribution: { mode: 'named', states: [to] }, payload: { ...example('assistance-request-hit-follow-up').payload, requestedState: to, followsUpHitId: hitId },
});

describe('what the node holds of queries and hits (SQLite store)', () => {
  test("the hub's answer to our query, in the order asked, and nothing for a query not answered", async (t) => {
    const store = tempStore(t);
    const query = await storeSent(store, prepared('VNM', { ...example('hit-query'), caseReference: 'VNM-2026-000001' }, NOW));
    assert.equal(store.queryAnswer(query), undefined);
    await storeFromHub(store, answerFor(query));
    const answer = store.queryAnswer(query);
    const outcome = queryOutcomeOf(query, answer, undefined);
    assert.equal(outcome.outcome, 'answered');
    assert.deepEqual(outcome.outcome === 'answered' && outcome.results.map((r) => [r.index, r.kind, r.hit, r.hits.map((h) => h.counterpartState)]), [
      [0, 'phone', true, ['IDN', 'THA']], [1, 'passport', false, []],
    ]);
  });

  test('a hit told by a notice or by our query answer gives its other party, how it came about and our message and case', async (t) => {
    const store = tempStore(t);
    const report = await storeSent(store, prepared('VNM', { ...(await import('../support/store-messages.ts')).alertInput('VNM-2026-000300') }, NOW));
    const query = await storeSent(store, prepared('VNM', { ...example('hit-query'), caseReference: 'VNM-2026-000001' }, NOW));
    await storeFromHub(store, hubHitNotice({
      messageId: '0f000000-0000-4000-8000-000000000001', to: 'VNM', yourMessageId: report, counterpartState: 'KHM', hitId: 'hit-cc',
      identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE, matchedIdentifiers: 1, nowMs: NOW + 1_000, exercise: false, drillId: '', fromQuery: true,
    }, HUB_KEY));
    await storeFromHub(store, answerFor(query));
    assert.deepEqual(store.hitToldOf('hit-cc'), { hitId: 'hit-cc', counterpartState: 'KHM', traffic: 'real', via: 'query-by-them', ourMessageId: report, ourCaseReference: 'VNM-2026-000300' });
    assert.deepEqual(store.hitToldOf('hit-bb'), { hitId: 'hit-bb', counterpartState: 'THA', traffic: 'real', via: 'query-by-us', ourMessageId: query, ourCaseReference: 'VNM-2026-000001' });
    assert.equal(store.hitToldOf('hit-unknown'), undefined);
  });
});

describe('the follow-up check before sending (the hub\'s rule, at the node)', () => {
  const prepare = (json: unknown, hits: Record<string, { counterpartState: string; traffic: string }>) => prepareSubmission(json, {
    state: 'VNM', signingKey: generateSigningKey('VNM'), matchingKey: TEST_MATCHING_KEY, deadlines: replyDeadlines(), nowMs: NOW, hitToldOf: (hitId) => hits[hitId],
  });
  const refusal = (run: () => unknown): HubRuleRefusal => {
    try {
      run();
    } catch (error) {
      if (error instanceof HubRuleRefusal) return error;
      throw error;
    }
    assert.fail('expected a HubRuleRefusal');
  };

  test('a hit the node was told of, asked of its other party, goes', () => {
    assert.equal(prepare(followUpInput('hit-aa', 'IDN'), { 'hit-aa': { counterpartState: 'IDN', traffic: 'real' } }).summary.followsUpHitId, 'hit-aa');
  });

  test('an unknown hit is UNKNOWN_HIT on payload.followsUpHitId; another state than its party is NOT_HIT_COUNTERPART on payload.requestedState', () => {
    const unknown = refusal(() => prepare(followUpInput('hit-zz', 'IDN'), {}));
    assert.deepEqual([unknown.code, unknown.field], ['UNKNOWN_HIT', 'payload.followsUpHitId']);
    const wrong = refusal(() => prepare(followUpInput('hit-aa', 'THA'), { 'hit-aa': { counterpartState: 'IDN', traffic: 'real' } }));
    assert.deepEqual([wrong.code, wrong.field], ['NOT_HIT_COUNTERPART', 'payload.requestedState']);
  });

  test('a hit from exercise traffic cannot be followed up in real traffic', () => {
    assert.equal(refusal(() => prepare(followUpInput('hit-aa', 'IDN'), { 'hit-aa': { counterpartState: 'IDN', traffic: 'exercise' } })).code, 'UNKNOWN_HIT');
  });
});

describe('a query request and its outcome', () => {
  test('the submission a request stands for: the whole region, AMBER, URGENT, the caller\'s unit, unless given', () => {
    const identifiers = [{ kind: 'passport' as const, value: 'C 7654321' }];
    assert.deepEqual(hitQuerySubmission({ identifiers }, 'VNM-CASES'), {
      type: 'hit-query', senderUnit: 'VNM-CASES', distribution: { mode: 'regional-broadcast' }, handling: 'amber', priority: 'urgent', payload: { identifiers },
    });
    const named = hitQuerySubmission({ identifiers, scope: { mode: 'named', states: ['IDN'] }, handling: 'red', priority: 'immediate', senderUnit: 'BOI', caseReference: 'VNM-2026-1' }, 'VNM-CASES');
    assert.deepEqual([named.distribution, named.handling, named.priority, named.senderUnit, named.caseReference], [{ mode: 'named', states: ['IDN'] }, 'red', 'immediate', 'BOI', 'VNM-2026-1']);
  });

  test('answered is 200, pending 202, RATE_LIMITED 429, any other refusal 422 with error and message; the audit detail has counts and kinds, never a value', () => {
    const answered: QueryOutcome = { queryMessageId: QUERY_ID, outcome: 'answered', answeredAtUnixMs: 1, results: [
      { index: 0, kind: 'phone', hit: true, hits: [{ counterpartState: 'THA', hitId: 'h2' }, { counterpartState: 'IDN', hitId: 'h1' }] },
      { index: 1, kind: 'passport', hit: false, hits: [] },
    ] };
    const limited: QueryOutcome = { queryMessageId: QUERY_ID, outcome: 'refused', reasonCode: 'RATE_LIMITED', reason: 'too many queries' };
    assert.deepEqual([statusOfOutcome(answered), statusOfOutcome({ queryMessageId: QUERY_ID, outcome: 'pending' }), statusOfOutcome(limited),
      statusOfOutcome({ ...limited, reasonCode: 'INVALID_PAYLOAD' })], [200, 202, 429, 422]);
    assert.deepEqual([outcomeBody(limited).error, outcomeBody(limited).message], ['RATE_LIMITED', 'too many queries']);
    assert.equal(queryAuditDetail(['phone', 'passport'], answered), 'identifiers=2 kinds=passport,phone answered hits=1 counterparts=IDN,THA');
    assert.equal(queryAuditDetail(['phone'], limited), 'identifiers=1 kinds=phone refused=RATE_LIMITED');
  });

  test('waiting ends when the answer lands (the event after the store), or at the wait with pending', async () => {
    const events = new NodeEvents();
    let answered = false;
    const lookup = (): QueryOutcome => (answered ? { queryMessageId: QUERY_ID, outcome: 'answered', answeredAtUnixMs: 1, results: [] } : { queryMessageId: QUERY_ID, outcome: 'pending' });
    const waiting = awaitQueryOutcome(events, lookup, 10_000);
    answered = true;
    events.emit('delivery', {} as FeedItem);
    assert.equal((await waiting).outcome, 'answered');
    answered = false;
    assert.equal((await awaitQueryOutcome(events, lookup, 20)).outcome, 'pending');
    assert.equal(events.listenerCount('delivery') + events.listenerCount('rejected'), 0, 'no listener left behind');
  });

  test("a hit notice and a query answer become 'hit' audit details; other deliveries none", () => {
    const notice = hubHitNotice({
      messageId: '0f000000-0000-4000-8000-000000000001', to: 'IDN', yourMessageId: QUERY_ID, counterpartState: 'VNM', hitId: 'hit-cc',
      identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE, matchedIdentifiers: 1, nowMs: NOW, exercise: false, drillId: '', fromQuery: true,
    }, HUB_KEY);
    const item = (composed: ComposedEnvelope): FeedItem => ({ event: 'delivery', summary: summariseMessage(composed.envelope, composed.payload), atUnixMs: NOW });
    assert.equal(hitAuditDetail(item(notice)), `query from VNM matched message ${QUERY_ID} hit=hit-cc`);
    assert.equal(hitAuditDetail(item(answerFor(QUERY_ID))), `query ${QUERY_ID} answered: query answer: 1 hit(s) of 2`);
    const alert = prepared('KHM', example('hit-query'), NOW);
    assert.equal(hitAuditDetail({ event: 'delivery', summary: alert.summary, atUnixMs: NOW }), undefined);
  });
});

describe('POST /api/queries on a node (listed node: nothing answers, so the query stays pending)', () => {
  async function startApi(t: TestContext, scopes: string[]) {
    const listed = listedNodeApi('VNM');
    const node: NodeApi = listed.node;
    const audited: { action: string; outcome: string; detail?: string | undefined }[] = [];
    const access = new MemoryAccess();
    const { token } = access.addToken(scopes as Parameters<MemoryAccess['addToken']>[0]);
    const http = await startNodeHttp({ node, access, logger: createLogger({ service: 'node', level: 'silent' }), audit: { record: async (event) => { audited.push(event); } } });
    t.after(() => http.close());
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${http.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    return { post, published: listed.published, audited };
  }

  test('a query is hashed, signed and published; with waitMs=0 it answers 202 pending and is audited without a value', async (t) => {
    const { post, published, audited } = await startApi(t, ['submit']);
    const answer = await post('/api/queries?waitMs=0', { identifiers: [{ kind: 'phone', value: '0812 3456 7890', country: 'IDN' }] });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { queryMessageId: published[0], outcome: 'pending' });
    assert.deepEqual(audited.map((entry) => [entry.action, entry.outcome, entry.detail]), [['query', 'ok', 'identifiers=1 kinds=phone pending']]);
  });

  test('no identifier, too many, a national phone without its country, or an unknown field: 400 naming each, nothing published', async (t) => {
    const { post, published } = await startApi(t, ['submit']);
    const none = await post('/api/queries', { identifiers: [] });
    assert.equal(none.status, 400);
    assert.match(JSON.stringify(none.body.problems), /identifiers/);
    const many = await post('/api/queries', { identifiers: Array.from({ length: 51 }, (_, i) => ({ kind: 'passport', value: `C${1_000_000 + i}` })) });
    assert.equal(many.status, 400);
    const national = await post('/api/queries', { identifiers: [{ kind: 'phone', value: '0812 3456 7890' }] });
    assert.equal(national.status, 400);
    assert.match(JSON.stringify(national.body.problems), /identifiers\[0\]\.value.*international form/);
    assert.doesNotMatch(JSON.stringify(national.body), /3456/, 'the value is not repeated');
    assert.equal((await post('/api/queries', { identifiers: [{ kind: 'passport', value: 'C1' }], recipients: ['IDN'] })).status, 400);
    assert.deepEqual(published, []);
  });

  test('a caller without send permission is 403', async (t) => {
    const { post, published } = await startApi(t, ['read']);
    assert.equal((await post('/api/queries', { identifiers: [{ kind: 'passport', value: 'C1234567' }] })).status, 403);
    assert.deepEqual(published, []);
  });
});

describe('tipnet query: options and words', () => {
  test('the identifier options in order, --country completing phones only; scopes', () => {
    assert.deepEqual(identifiersFromOptions({ passport: ['C1'], phone: ['0812'], country: 'idn' }), [
      { kind: 'passport', value: 'C1' }, { kind: 'phone', value: '0812', country: 'IDN' },
    ]);
    assert.deepEqual([scopeFromOption(undefined), scopeFromOption('region'), scopeFromOption('idn, tha'), scopeFromOption('group:financial-intelligence')], [
      undefined, undefined, { mode: 'named', states: ['IDN', 'THA'] }, { mode: 'sharing-group', group: 'financial-intelligence' },
    ]);
  });

  test('one line per identifier asked; a refusal and a pending answer say what to do; network text cannot steer the terminal', () => {
    const lines = formatQueryOutcome({ queryMessageId: QUERY_ID, outcome: 'answered', results: [
      { index: 0, kind: 'phone', hit: true, hits: [{ counterpartState: 'IDN', hitId: 'hit-aa\u001b[2J' }] }, { index: 1, kind: 'passport', hit: false, hits: [] },
    ] });
    assert.equal(lines[0], `query ${QUERY_ID}: 1 hit(s), 1 no-hit(s)`);
    assert.match(lines[1] ?? '', /^ {2}#1 phone: HIT {2}held by IDN \(hit hit-aa/);
    assert.doesNotMatch(lines.join('\n'), /\u001b/);
    assert.equal(lines[2], '  #2 passport: no hit');
    assert.match(formatQueryOutcome({ queryMessageId: QUERY_ID, outcome: 'refused', reasonCode: 'RATE_LIMITED', reason: 'slow down' })[0] ?? '', /refused by the hub: RATE_LIMITED: slow down/);
    assert.match(formatQueryOutcome({ queryMessageId: QUERY_ID, outcome: 'pending' })[0] ?? '', /tipnet query --answer/);
  });
});
