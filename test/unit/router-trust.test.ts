// The pure parts of the hub's trust rules: who owns a message id, how a refusal is answered, how
// content is recognised for the forwarding rule, and which characters no field may hold.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { encodeEnvelope, encodePayload, decodePayload } from '../../services/core/codec.ts';
import { NIL_MESSAGE_ID } from '../../services/core/limits.ts';
import { v1, tip } from '../../services/core/proto.ts';
import { directoryEntryFor, generateSigningKey, KeyDirectory, signEnvelope } from '../../services/core/signing/mod.ts';
import { subjects } from '../../services/core/subjects.ts';
import { envelopeProblems, payloadProblems } from '../../services/core/validation/mod.ts';
import { demoAlertFields } from '../../services/demo/demo-alert.ts';
import {
  claimConflict, contentDigest, decideSubmission, HubMessageIds, InMemoryMessageIndex, refusalAnswer, routingPolicy, UNREADABLE_DRILL_ID,
  type IndexedMessage,
} from '../../services/router/mod.ts';

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);
const keys = { IDN: generateSigningKey('IDN'), KHM: generateSigningKey('KHM'), VNM: generateSigningKey('VNM'), HUB: generateSigningKey('HUB') };
const directory = new KeyDirectory(Object.values(keys).map((key) => directoryEntryFor(key)));
const policy = routingPolicy({ states: ['IDN', 'KHM', 'VNM', 'THA'] });
const matchingKey = { id: 'test-matching-key', secret: randomBytes(32) };
const named = (...states: string[]) => ({ mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states });

function alert(sender: 'IDN' | 'KHM' | 'VNM', overrides: Partial<v1.Envelope.$Properties> = {}) {
  return signEnvelope({ ...demoAlertFields(NOW, matchingKey), messageId: randomUUID(), senderState: sender, caseReference: `${sender}-2026-1`, ...overrides }, keys[sender]);
}

const indexed = (overrides: Partial<IndexedMessage> = {}): IndexedMessage => ({
  messageId: 'm', sender: 'KHM', recipients: ['IDN'], payloadName: 'case-alert', handling: 3, exercise: false, drillId: '', envelopeDigest: 'aaa', ...overrides,
});

describe('message-id ownership', () => {
  test('another state claiming a bound id is MESSAGE_ID_TAKEN; the same state with other bytes is MESSAGE_ID_REUSED; the same bytes again are a resend', () => {
    assert.deepEqual(claimConflict(indexed(), indexed({ sender: 'VNM' })), { kind: 'conflict', code: 'MESSAGE_ID_TAKEN', owner: 'KHM' });
    assert.deepEqual(claimConflict(indexed(), indexed({ envelopeDigest: 'bbb' })), { kind: 'conflict', code: 'MESSAGE_ID_REUSED', owner: 'KHM' });
    assert.deepEqual(claimConflict(indexed(), indexed()), { kind: 'claimed' });
  });

  test('the first claim of an id wins in the index, whoever comes second', async () => {
    const index = new InMemoryMessageIndex();
    assert.deepEqual(await index.claim(indexed()), { kind: 'claimed' });
    assert.equal((await index.claim(indexed({ sender: 'IDN' }))).kind, 'conflict');
    assert.equal((await index.get('m'))?.sender, 'KHM');
  });

  test('hub message ids are derived with the hub\'s secret: stable for the same parts, unpredictable without the key', () => {
    const ids = new HubMessageIds(keys.HUB);
    assert.equal(ids.derive('a', 'b'), ids.derive('a', 'b'));
    assert.notEqual(ids.derive('a', 'b'), ids.derive('a', 'c'));
    assert.notEqual(ids.derive('a', 'b'), new HubMessageIds(generateSigningKey('HUB')).derive('a', 'b'));
    assert.match(ids.derive('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('answering a refusal', () => {
  const envelope = alert('IDN');

  test('the answer goes to the subject\'s state, names the message, and keeps the subject\'s traffic class', () => {
    const answer = refusalAnswer({ sender: 'IDN', subject: subjects.submit('IDN', 'real', 'case-alert'), envelope, publisherMessageId: randomUUID() });
    assert.deepEqual(answer, { to: 'IDN', traffic: 'real', drillId: '', acknowledgedMessageId: envelope.messageId, caseReference: 'IDN-2026-1' });
  });

  test('a broken message id falls back to the Nats-Msg-Id, then to the nil UUID; a broken case reference is left out', () => {
    const broken = tip.Envelope.create({ ...envelope, messageId: `${envelope.messageId}\r\n`, caseReference: 'IDN-1\n' });
    const publisher = randomUUID();
    assert.equal(refusalAnswer({ sender: 'IDN', subject: 'tip.v1.submit.IDN.real.case-alert', envelope: broken, publisherMessageId: publisher }).acknowledgedMessageId, publisher);
    const nothing = refusalAnswer({ sender: 'IDN', subject: 'tip.v1.submit.IDN.real.case-alert', envelope: undefined, publisherMessageId: 'not-a-uuid\r\n' });
    assert.equal(nothing.acknowledgedMessageId, NIL_MESSAGE_ID);
    assert.equal(refusalAnswer({ sender: 'IDN', subject: 'x', envelope: broken, publisherMessageId: undefined }).caseReference, '');
  });

  test('an exercise subject gets an exercise answer, with the drill id when it is readable', () => {
    const exercise = tip.Envelope.create({ ...envelope, exercise: true, drillId: 'drill-7' });
    assert.equal(refusalAnswer({ sender: 'IDN', subject: 'tip.v1.submit.IDN.exercise.case-alert', envelope: exercise, publisherMessageId: undefined }).drillId, 'drill-7');
    const unreadable = refusalAnswer({ sender: 'IDN', subject: 'tip.v1.submit.IDN.exercise.case-alert', envelope: undefined, publisherMessageId: undefined });
    assert.deepEqual([unreadable.traffic, unreadable.drillId], ['exercise', UNREADABLE_DRILL_ID]);
    // A malformed traffic token falls back to the envelope's own flag.
    assert.equal(refusalAnswer({ sender: 'IDN', subject: 'tip.v1.submit.IDN.drill.case-alert', envelope: exercise, publisherMessageId: undefined }).traffic, 'exercise');
  });
});

describe('recognising content for the forwarding rule', () => {
  test('an unknown field appended to the payload does not change its content digest; a changed field does', () => {
    const payload = alert('IDN').payload;
    const decode = (bytes: Uint8Array) => decodePayload({ payloadType: v1.PayloadType.PAYLOAD_TYPE_CASE_ALERT, payload: bytes });
    const padded = new Uint8Array([...payload, 0xf8, 0x7f, 0x01]);
    assert.equal(contentDigest(decode(padded)), contentDigest(decode(payload)));
    const changed = tip.CaseAlert.decode(payload);
    changed.summary += ' (updated)';
    assert.notEqual(contentDigest(decode(encodePayload('case-alert', changed))), contentDigest(decode(payload)));
  });

  test('a recipient re-sending RED content it received is refused with FORWARDING_FORBIDDEN, whatever handling it claims', async () => {
    const index = new InMemoryMessageIndex();
    const red = alert('IDN', { handling: v1.HandlingMark.HANDLING_MARK_RED, distribution: named('KHM') });
    const decoded = decodePayload(red);
    await index.addRestrictedHolders(contentDigest(decoded), ['KHM']);
    const forward = alert('KHM', { handling: v1.HandlingMark.HANDLING_MARK_GREEN, distribution: named('VNM'), payload: new Uint8Array([...red.payload, 0xf8, 0x7f, 0x01]) });
    const decision = await decideSubmission({ subject: subjects.submit('KHM', 'real', 'case-alert'), data: encodeEnvelope(forward), nowMs: NOW + 1_000 }, { directory, policy, index });
    assert.equal(decision.kind === 'reject' ? decision.code : decision.kind, 'FORWARDING_FORBIDDEN');
    const own = alert('IDN', { handling: v1.HandlingMark.HANDLING_MARK_RED, distribution: named('VNM'), payload: red.payload });
    const again = await decideSubmission({ subject: subjects.submit('IDN', 'real', 'case-alert'), data: encodeEnvelope(own), nowMs: NOW + 1_000 }, { directory, policy, index });
    assert.equal(again.kind, 'deliver', 'the owner may send its own content again');
  });
});

describe('string fields', () => {
  test('a malformed subject under a state\'s prefix is INVALID_SUBJECT, answered to that state and naming the message', async () => {
    const envelope = alert('IDN');
    const decision = await decideSubmission({ subject: 'tip.v1.submit.IDN.real.case-alert.extra', data: encodeEnvelope(envelope), nowMs: NOW }, { directory, policy, index: new InMemoryMessageIndex() });
    assert.equal(decision.kind, 'reject');
    if (decision.kind === 'reject') assert.deepEqual([decision.code, decision.sender, decision.messageId], ['INVALID_SUBJECT', 'IDN', envelope.messageId]);
  });

  test('CR, LF, NUL, DEL, C1, line separators and bidirectional overrides are refused in single-line fields, naming the field', () => {
    for (const character of ['\r', '\n', '\u0000', '\u007f', '\u0085', '\u2028', '\u202e']) {
      const problems = envelopeProblems({ ...alert('IDN'), senderUnit: `POLRI${character}X` }, NOW);
      assert.ok(problems.some((problem) => problem.startsWith('envelope.sender_unit: must not contain control characters')), JSON.stringify(problems));
    }
  });

  test('multi-line free text may hold tab, CR and LF but not other control characters', () => {
    const envelope = alert('IDN');
    const withSummary = (summary: string) => {
      const message = tip.CaseAlert.decode(envelope.payload);
      message.summary = summary;
      return payloadProblems({ name: 'case-alert', message }, envelope, NOW);
    };
    assert.deepEqual(withSummary('Line one.\r\nLine two.\tTabbed.'), []);
    assert.ok(withSummary('bell \u0007').some((problem) => problem.startsWith('case_alert.summary: must not contain control characters')));
  });

  test('a sender_state that is not code-shaped is not echoed in the SENDER_MISMATCH reason', async () => {
    const envelope = tip.Envelope.create({ ...alert('IDN'), senderState: 'IDN\r\nInjected: yes' });
    const decision = await decideSubmission({ subject: subjects.submit('IDN', 'real', 'case-alert'), data: encodeEnvelope(envelope), nowMs: NOW }, { directory, policy, index: new InMemoryMessageIndex() });
    assert.equal(decision.kind, 'reject');
    if (decision.kind === 'reject') {
      assert.equal(decision.code, 'SENDER_MISMATCH');
      assert.ok(!decision.reason.includes('Injected'), decision.reason);
    }
  });
});
