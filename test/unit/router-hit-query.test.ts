// Hit/no-hit queries and hit follow-ups through the router's decision and carry-out, with an
// in-memory index and a JetStream stand-in that keeps what the hub publishes (no broker).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { decodeEnvelope, decodePayload, encodeEnvelope, type DecodedPayload } from '../../services/core/codec.ts';
import { toKeyedIdentifier } from '../../services/core/keyed-hash.ts';
import type { PayloadName } from '../../services/core/payload-registry.ts';
import { v1, type Envelope } from '../../services/core/proto.ts';
import { directoryEntryFor, generateSigningKey, KeyDirectory, signEnvelope } from '../../services/core/signing/mod.ts';
import { subjects } from '../../services/core/subjects.ts';
import { DEFAULT_QUERY_RATE } from '../../services/core/limits.ts';
import { carryOut } from '../../services/router/carry-out-decision.ts';
import { hubServicesConfigSchema, policyFromConfig } from '../../services/router/hub-config.ts';
import { hubIdentity } from '../../services/router/hub-outbox.ts';
import { decideSubmission, InMemoryMessageIndex, routingPolicy, withQuery, type Decision } from '../../services/router/mod.ts';
import { NOW, TEST_MATCHING_KEY, validEnvelopeFields, type MessageOverrides } from '../support/validation-fixtures.ts';

const STATES = ['IDN', 'KHM', 'THA', 'VNM', 'MYS'] as const;
type State = (typeof STATES)[number];
const keys = Object.fromEntries(STATES.map((state) => [state, generateSigningKey(state)])) as Record<State, ReturnType<typeof generateSigningKey>>;
const directory = new KeyDirectory(Object.values(keys).map((key) => directoryEntryFor(key)));
const hub = hubIdentity(generateSigningKey('HUB'));
const DRILL = 'DRILL-2026-01';
const { DistributionMode, HandlingMark } = v1;
const named = (...states: string[]) => ({ mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states });
const passport = (value: string) => toKeyedIdentifier('passport', value, TEST_MATCHING_KEY);
const phone = (value: string) => toKeyedIdentifier('phone', value, TEST_MATCHING_KEY);
const silent = { info() {}, warn() {}, error() {}, debug() {} };

interface Published { subject: string; envelope: Envelope; decoded: DecodedPayload }

/** A hub with its own index and a record of everything it published. */
function testHub(options: { queryRate?: { queriesPerWindow: number; windowMs: number } } = {}) {
  const index = new InMemoryMessageIndex();
  const published: Published[] = [];
  const js = {
    async publish(subject: string, data: Uint8Array) {
      const envelope = decodeEnvelope(data);
      published.push({ subject, envelope, decoded: decodePayload(envelope) });
      return { seq: published.length, duplicate: false, stream: 'TIP_OUTBOX' };
    },
  } as unknown as JetStreamClient;
  const policy = routingPolicy({ states: [...STATES], drills: { [DRILL]: ['IDN', 'KHM', 'THA'] }, ...options });
  const context = { js, index, hub, logger: silent as never };
  let sequence = 0;
  async function submit<N extends PayloadName>(name: N, sender: State, overrides: MessageOverrides<N> = {}, nowMs = NOW + 1_000): Promise<{ decision: Decision; outcome: string; messageId: string }> {
    const messageId = randomUUID();
    const fields = validEnvelopeFields(name, { ...overrides, envelope: { messageId, senderState: sender, ...overrides.envelope } });
    const data = encodeEnvelope(signEnvelope(fields, keys[sender]));
    const subject = subjects.submit(sender, fields.exercise ? 'exercise' : 'real', name);
    const decision = await decideSubmission({ subject, data, nowMs }, { directory, policy, index });
    sequence += 1;
    const message = { subject, data, headers: undefined, info: { streamSequence: sequence, timestampNanos: sequence, deliveryCount: 1 } } as unknown as JsMsg;
    const outcome = await carryOut(context, decision, message, nowMs);
    return { decision, outcome, messageId };
  }
  return { index, published, submit };
}

type TestHub = ReturnType<typeof testHub>;

/** A state's message carrying these identifiers: an assistance request NAMED to one other state. */
function holding(h: TestHub, sender: State, to: State, identifiers: v1.KeyedIdentifier[], envelope: MessageOverrides<'assistance-request'>['envelope'] = {}) {
  return h.submit('assistance-request', sender, {
    envelope: { distribution: named(to), ...envelope },
    payload: { requestedState: to, relatedMessageId: '', identifiers },
  });
}

function query(h: TestHub, sender: State, identifiers: v1.KeyedIdentifier[], envelope: MessageOverrides<'hit-query'>['envelope'] = {}, nowMs?: number) {
  return h.submit('hit-query', sender, { envelope, payload: { identifiers } }, nowMs);
}

function answerTo(h: TestHub, state: string): v1.HitQueryAnswer {
  const found = h.published.filter((p) => p.decoded.name === 'hit-query-answer' && p.envelope.distribution?.states[0] === state);
  assert.equal(found.length, 1, `one answer to ${state}`);
  return (found[0] as Published).decoded.message as v1.HitQueryAnswer;
}

function noticesTo(h: TestHub, state: string): v1.HitNotice[] {
  return h.published
    .filter((p) => p.decoded.name === 'hit-notice' && p.envelope.distribution?.states[0] === state)
    .map((p) => p.decoded.message as v1.HitNotice);
}

describe('hit/no-hit queries', () => {
  test('a query is answered with one result per identifier in order, hits naming the counterpart, and the counterpart is told', async () => {
    const h = testHub();
    const khm = await holding(h, 'KHM', 'THA', [passport('C0000001'), phone('+62 812-0000-0001')]);
    assert.equal(khm.outcome, 'deliver');
    h.published.length = 0;
    const asked = await query(h, 'IDN', [phone('+62 812-0000-9999'), passport('C0000001'), phone('+62 812-0000-0001')]);
    assert.equal(asked.outcome, 'deliver');
    const answer = answerTo(h, 'IDN');
    assert.equal(answer.queryMessageId, asked.messageId);
    assert.deepEqual(answer.results.map((r) => [r.index, r.hit, r.hits.map((x) => x.counterpartState)]), [[0, false, []], [1, true, ['KHM']], [2, true, ['KHM']]]);
    const hitId = answer.results[1]?.hits[0]?.hitId ?? '';
    assert.equal(answer.results[2]?.hits[0]?.hitId, hitId, 'one hit per counterpart message');
    const answerEnvelope = h.published.find((p) => p.decoded.name === 'hit-query-answer')?.envelope;
    assert.equal(answerEnvelope?.senderState, 'HUB');
    assert.equal(answerEnvelope?.inReplyTo, asked.messageId);
    const [notice, ...more] = noticesTo(h, 'KHM');
    assert.equal(more.length, 0);
    assert.equal(notice?.fromQuery, true);
    assert.equal(notice?.counterpartState, 'IDN');
    assert.equal(notice?.yourMessageId, khm.messageId);
    assert.equal(notice?.hitId, hitId);
    assert.equal(notice?.matchedIdentifiers, 2);
    assert.equal(notice?.identifierKind, v1.IdentifierKind.IDENTIFIER_KIND_PASSPORT);
    // Nothing goes to the scope as a copy, and no DELIVERED receipt.
    assert.deepEqual(h.published.map((p) => p.decoded.name).sort(), ['hit-notice', 'hit-query-answer']);
    const record = await h.index.getHit(hitId);
    assert.deepEqual(record?.parties, [{ state: 'IDN', messageId: asked.messageId, told: true }, { state: 'KHM', messageId: khm.messageId, told: true }]);
  });

  test('only states in scope answer, and the querier never hits itself', async () => {
    const h = testHub();
    await holding(h, 'KHM', 'THA', [passport('C0000001')]);
    await holding(h, 'VNM', 'THA', [passport('C0000001')]);
    await holding(h, 'IDN', 'THA', [passport('C0000001')]);
    await query(h, 'IDN', [passport('C0000001')], { distribution: named('VNM') });
    assert.deepEqual(answerTo(h, 'IDN').results[0]?.hits.map((x) => x.counterpartState), ['VNM']);
    assert.equal(noticesTo(h, 'KHM').filter((n) => n.fromQuery).length, 0);
    h.published.length = 0;
    await query(h, 'IDN', [passport('C0000001')]);
    assert.deepEqual(answerTo(h, 'IDN').results[0]?.hits.map((x) => x.counterpartState).sort(), ['KHM', 'VNM']);
  });

  test('a TLP:RED holding answers only a state in its audience; to any other it is a no-hit', async () => {
    const h = testHub();
    await holding(h, 'KHM', 'THA', [passport('C0000002')], { handling: HandlingMark.HANDLING_MARK_RED });
    await query(h, 'IDN', [passport('C0000002')]);
    assert.equal(answerTo(h, 'IDN').results[0]?.hit, false);
    assert.equal(noticesTo(h, 'KHM').length, 0, 'the RED holder is not told either');
    await query(h, 'THA', [passport('C0000002')]);
    assert.deepEqual(answerTo(h, 'THA').results[0]?.hits.map((x) => x.counterpartState), ['KHM']);
  });

  test('an exercise query matches only its own drill, never real traffic', async () => {
    const h = testHub();
    const exercise = { exercise: true, drillId: DRILL };
    await holding(h, 'KHM', 'THA', [passport('C0000003')]);
    await query(h, 'IDN', [passport('C0000003')], { ...exercise, distribution: named('KHM', 'THA') });
    assert.equal(answerTo(h, 'IDN').results[0]?.hit, false);
    await holding(h, 'THA', 'KHM', [passport('C0000003')], exercise);
    await query(h, 'KHM', [passport('C0000003')], { ...exercise, distribution: named('IDN', 'THA') });
    const answer = h.published.find((p) => p.decoded.name === 'hit-query-answer' && p.envelope.distribution?.states[0] === 'KHM');
    assert.equal(answer?.envelope.exercise, true);
    assert.equal(answer?.envelope.drillId, DRILL);
    assert.deepEqual((answer?.decoded.message as v1.HitQueryAnswer).results[0]?.hits.map((x) => x.counterpartState), ['THA']);
  });

  test('a query records no sighting: a later message of another state does not hit it', async () => {
    const h = testHub();
    await query(h, 'IDN', [passport('C0000004')]);
    assert.equal(answerTo(h, 'IDN').results[0]?.hit, false);
    h.published.length = 0;
    await holding(h, 'KHM', 'THA', [passport('C0000004')]);
    assert.equal(h.published.filter((p) => p.decoded.name === 'hit-notice').length, 0);
  });

  test('a query beyond the rate is refused with RATE_LIMITED and a REJECTED receipt, and nobody is told', async () => {
    const h = testHub({ queryRate: { queriesPerWindow: 2, windowMs: 60_000 } });
    await holding(h, 'KHM', 'THA', [passport('C0000005')]);
    assert.equal((await query(h, 'IDN', [passport('C0000005')])).outcome, 'deliver');
    assert.equal((await query(h, 'IDN', [passport('C0000005')])).outcome, 'deliver');
    h.published.length = 0;
    const third = await query(h, 'IDN', [passport('C0000005')]);
    assert.equal(third.decision.kind === 'reject' ? third.decision.code : '', 'RATE_LIMITED');
    const outbox = h.published.filter((p) => p.subject.startsWith('tip.v1.outbox.'));
    assert.deepEqual(outbox.map((p) => p.decoded.name), ['acknowledgement']);
    assert.equal(outbox[0]?.envelope.distribution?.states[0], 'IDN');
    assert.equal((await query(h, 'THA', [passport('C0000005')])).outcome, 'deliver', 'the window is per state');
    assert.equal((await query(h, 'IDN', [passport('C0000005')], {}, NOW + 61_000)).outcome, 'deliver', 'a new window resets');
  });
});

describe('query rate window (withQuery)', () => {
  const rate = { queriesPerWindow: 3, windowMs: 60_000 };
  test('allows up to N in a window and refuses the N+1th', () => {
    let window = withQuery(undefined, 'a', 1_000, rate).next;
    window = withQuery(window, 'b', 2_000, rate).next;
    window = withQuery(window, 'c', 3_000, rate).next;
    assert.deepEqual(window, { windowStartMs: 1_000, ids: ['a', 'b', 'c'] });
    assert.deepEqual(withQuery(window, 'd', 4_000, rate), { allowed: false });
  });
  test('a redo of a counted id is allowed and not counted twice', () => {
    const window = { windowStartMs: 1_000, ids: ['a', 'b', 'c'] };
    assert.deepEqual(withQuery(window, 'b', 5_000, rate), { allowed: true });
  });
  test('a window older than windowMs starts afresh', () => {
    const window = { windowStartMs: 1_000, ids: ['a', 'b', 'c'] };
    assert.deepEqual(withQuery(window, 'd', 61_000, rate), { allowed: true, next: { windowStartMs: 61_000, ids: ['d'] } });
  });
  test('the in-memory index counts the same way', async () => {
    const index = new InMemoryMessageIndex();
    const small = { queriesPerWindow: 1, windowMs: 60_000 };
    assert.equal(await index.countQuery('IDN', 'a', 1_000, small), true);
    assert.equal(await index.countQuery('IDN', 'a', 2_000, small), true);
    assert.equal(await index.countQuery('IDN', 'b', 3_000, small), false);
    assert.equal(await index.countQuery('KHM', 'b', 3_000, small), true);
  });
});

describe('following up a hit', () => {
  /** KHM holds a passport, IDN's query hits it: the hit id both were told of. */
  async function queryHit(h: TestHub): Promise<string> {
    await holding(h, 'KHM', 'THA', [passport('C0000006')]);
    await query(h, 'IDN', [passport('C0000006')]);
    return answerTo(h, 'IDN').results[0]?.hits[0]?.hitId ?? '';
  }
  function followUp(h: TestHub, sender: State, to: State, hitId: string, envelope: MessageOverrides<'assistance-request'>['envelope'] = {}) {
    return h.submit('assistance-request', sender, {
      envelope: { distribution: named(to), ...envelope },
      payload: { requestedState: to, relatedMessageId: '', followsUpHitId: hitId },
    });
  }
  const codeOf = (decision: Decision) => (decision.kind === 'reject' ? decision.code : 'deliver');

  test('a told party may follow up with the counterpart, either way round', async () => {
    const h = testHub();
    const hitId = await queryHit(h);
    const fromQuerier = await followUp(h, 'IDN', 'KHM', hitId);
    assert.equal(codeOf(fromQuerier.decision), 'deliver');
    assert.deepEqual(fromQuerier.decision.kind === 'deliver' ? fromQuerier.decision.recipients : [], ['KHM']);
    assert.equal(codeOf((await followUp(h, 'KHM', 'IDN', hitId)).decision), 'deliver');
  });

  test('a delivery hit may be followed up by a told party', async () => {
    const h = testHub();
    await holding(h, 'KHM', 'THA', [passport('C0000007')]);
    await holding(h, 'VNM', 'THA', [passport('C0000007')]);
    const hitId = noticesTo(h, 'VNM')[0]?.hitId ?? '';
    assert.notEqual(hitId, '');
    assert.equal(codeOf((await followUp(h, 'VNM', 'KHM', hitId)).decision), 'deliver');
  });

  test('an unknown hit id, a non-party and an untold party get UNKNOWN_HIT, revealing nothing', async () => {
    const h = testHub();
    const hitId = await queryHit(h);
    const unknown = await followUp(h, 'IDN', 'KHM', randomUUID());
    assert.equal(codeOf(unknown.decision), 'UNKNOWN_HIT');
    const stranger = await followUp(h, 'VNM', 'KHM', hitId);
    assert.equal(codeOf(stranger.decision), 'UNKNOWN_HIT');
    assert.equal(stranger.decision.kind === 'reject' ? stranger.decision.reason : '', unknown.decision.kind === 'reject' ? unknown.decision.reason : '');
    assert.doesNotMatch(stranger.decision.kind === 'reject' ? stranger.decision.reason : '', /KHM|IDN/);
    // KHM's RED holding is not revealed to VNM: VNM's later match tells KHM only, and VNM, not told,
    // may not follow the hit up.
    await holding(h, 'KHM', 'THA', [passport('C0000008')], { handling: HandlingMark.HANDLING_MARK_RED });
    await holding(h, 'VNM', 'THA', [passport('C0000008')]);
    const redHit = noticesTo(h, 'KHM').find((n) => !n.fromQuery)?.hitId ?? '';
    assert.notEqual(redHit, '');
    assert.equal(noticesTo(h, 'VNM').length, 0);
    assert.equal(codeOf((await followUp(h, 'VNM', 'KHM', redHit)).decision), 'UNKNOWN_HIT');
    assert.equal(codeOf((await followUp(h, 'KHM', 'VNM', redHit)).decision), 'deliver');
  });

  test('a follow-up in other traffic than the hit is UNKNOWN_HIT', async () => {
    const h = testHub();
    const hitId = await queryHit(h);
    assert.equal(codeOf((await followUp(h, 'IDN', 'KHM', hitId, { exercise: true, drillId: DRILL })).decision), 'UNKNOWN_HIT');
  });

  test('requested_state other than the hit counterpart is NOT_HIT_COUNTERPART', async () => {
    const h = testHub();
    const hitId = await queryHit(h);
    assert.equal(codeOf((await followUp(h, 'IDN', 'THA', hitId)).decision), 'NOT_HIT_COUNTERPART');
  });
});

describe('hub configuration: queryRate', () => {
  const config = {
    servers: ['nats://127.0.0.1:4222'], user: 'hub', password: 'secret', replicas: 1 as const,
    hubKeyFile: 'hub.json', keyDirectoryFile: 'dir.json', states: ['IDN', 'KHM'],
  };
  test('absent, the policy uses DEFAULT_QUERY_RATE; present, the configured rate', () => {
    assert.deepEqual(policyFromConfig(hubServicesConfigSchema.parse(config)).queryRate, DEFAULT_QUERY_RATE);
    const rate = { queriesPerWindow: 10, windowMs: 30_000 };
    assert.deepEqual(policyFromConfig(hubServicesConfigSchema.parse({ ...config, queryRate: rate })).queryRate, rate);
  });
  test('a rate of no queries or a window under a second is refused, naming the field', () => {
    const bad = hubServicesConfigSchema.safeParse({ ...config, queryRate: { queriesPerWindow: 0, windowMs: 10 } });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues.map((issue) => issue.path.join('.')).sort(), ['queryRate.queriesPerWindow', 'queryRate.windowMs']);
  });
});
