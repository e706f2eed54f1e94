// The hub's word can be trusted: each attack here was found from outside with the public contract
// alone, and is tried again the same way, as a state's own software on its own leaf would.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { encodeEnvelope, encodePayload } from '../../services/core/codec.ts';
import { toKeyedIdentifier } from '../../services/core/keyed-hash.ts';
import { HUB_SENDER, type StateCode } from '../../services/core/member-states.ts';
import { tip, v1 } from '../../services/core/proto.ts';
import { TO_OBJECT } from '../../services/core/validation/proto-fields.ts';
import { CONTRACT_VERSION, HEADERS, subjects } from '../../services/core/subjects.ts';
import { startHubFixture, waitFor, type HubFixture } from '../support/hub-fixture.ts';

const { DistributionMode, HandlingMark, AcknowledgementStatus: Status } = v1;
const named = (...states: string[]) => ({ mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states });

/** Publishes bytes on any subject under a state's own prefix, with its own Nats-Msg-Id, as a hostile client would. */
async function publishAs(fixture: HubFixture, state: StateCode, subject: string, bytes: Uint8Array, msgId: string = randomUUID()): Promise<void> {
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  await jetstream(fixture.leaf(state)).publish(subject, bytes, { msgID: msgId, headers: h, retries: 20 });
}

/** The hub's REJECTED receipts a state received for a message id, as "CODE". */
function rejections(fixture: HubFixture, state: StateCode, messageId: string): string[] {
  return fixture.inbox(state).received
    .filter((item) => item.envelope.senderState === HUB_SENDER && item.decoded.name === 'acknowledgement')
    .map((item) => item.decoded.message as v1.Acknowledgement)
    .filter((ack) => ack.acknowledgedMessageId === messageId && ack.status === Status.ACKNOWLEDGEMENT_STATUS_REJECTED)
    .map((ack) => ack.reasonCode);
}

function hubReceiptCount(fixture: HubFixture, state: StateCode): number {
  return fixture.inbox(state).received.filter((item) => item.envelope.senderState === HUB_SENDER && item.decoded.name === 'acknowledgement').length;
}

function alertFrom(fixture: HubFixture, sender: StateCode, overrides: Partial<v1.Envelope.$Properties> = {}): v1.Envelope.$Properties {
  return fixture.alert({ senderState: sender, senderUnit: `${sender}-POLICE`, caseReference: `${sender}-2026-000042`, ...overrides });
}

function acknowledgementFields(from: StateCode, to: StateCode, messageId: string, status: v1.AcknowledgementStatus, caseReference: string): v1.Envelope.$Properties {
  const now = Date.now();
  return {
    messageId: randomUUID(), senderState: from, senderUnit: `${from}-LIAISON`, distribution: named(to),
    handling: HandlingMark.HANDLING_MARK_GREEN, priority: v1.Priority.PRIORITY_ROUTINE,
    createdAtUnixMs: now, expiresAtUnixMs: now + 86_400_000, caseReference, inReplyTo: messageId,
    payloadType: v1.PayloadType.PAYLOAD_TYPE_ACKNOWLEDGEMENT,
    payload: encodePayload('acknowledgement', v1.Acknowledgement.create({ acknowledgedMessageId: messageId, status, acknowledgingState: from, atUnixMs: now })),
  };
}

function retractionFields(from: StateCode, to: StateCode, messageId: string, caseReference: string): v1.Envelope.$Properties {
  const now = Date.now();
  return {
    messageId: randomUUID(), senderState: from, senderUnit: `${from}-POLICE`, distribution: named(to),
    handling: HandlingMark.HANDLING_MARK_GREEN, priority: v1.Priority.PRIORITY_URGENT,
    createdAtUnixMs: now, expiresAtUnixMs: now + 86_400_000, caseReference, inReplyTo: messageId,
    payloadType: v1.PayloadType.PAYLOAD_TYPE_RETRACTION,
    payload: encodePayload('retraction', v1.Retraction.create({ retractedMessageId: messageId, kind: v1.RetractionKind.RETRACTION_KIND_WITHDRAW, reason: 'reported in error' })),
  };
}

/** A rescue request carrying one passport of its own, so hits from other tests cannot interfere. */
function alertWithPassport(fixture: HubFixture, sender: StateCode, passport: string, overrides: Partial<v1.Envelope.$Properties> = {}): v1.Envelope.$Properties {
  const fields = alertFrom(fixture, sender, overrides);
  const alert = tip.CaseAlert.decode(fields.payload as Uint8Array);
  alert.victims = [tip.VictimGroup.create({ ...alert.victims[0], identifiers: [toKeyedIdentifier('passport', passport, fixture.matchingKey)] })];
  return { ...fields, payload: encodePayload('case-alert', alert) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe('the hub\'s word can be trusted (a hub with IDN, KHM, VNM and THA leaves)', () => {
  test('message ids, refusals, string fields, forwarding, hits and expiry', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM', 'VNM', 'THA'], hubNodes: 1 });
    const { inbox } = fixture;

    await t.test('a state that received a message cannot take over its id (MESSAGE_ID_TAKEN); answers and retractions stay with the real sender', async () => {
      const original = fixture.sign(alertFrom(fixture, 'KHM', { distribution: named('IDN', 'VNM') }));
      await fixture.submit(original);
      const id = original.messageId;
      await waitFor(() => inbox('IDN').count(id) === 1 && inbox('VNM').count(id) === 1, 'KHM\'s alert at IDN and VNM');

      // VNM reuses the id for its own message, with a fresh Nats-Msg-Id so JetStream's duplicate window does not hide it.
      const impostor = fixture.sign(alertFrom(fixture, 'VNM', { messageId: id, distribution: named('IDN') }));
      await publishAs(fixture, 'VNM', subjects.submit('VNM', 'real', 'case-alert'), encodeEnvelope(impostor));
      await waitFor(() => rejections(fixture, 'VNM', id).length === 1, 'VNM\'s refusal');
      assert.deepEqual(rejections(fixture, 'VNM', id), ['MESSAGE_ID_TAKEN']);

      // IDN's READ for the id goes to KHM, who sent it, not to the impostor.
      const read = fixture.sign(acknowledgementFields('IDN', 'KHM', id, Status.ACKNOWLEDGEMENT_STATUS_READ, original.caseReference));
      await fixture.submit(read);
      await waitFor(() => inbox('KHM').count(read.messageId) === 1, 'IDN\'s READ at KHM');
      assert.equal(inbox('VNM').count(read.messageId), 0);

      // Nor may the impostor retract it.
      const retraction = fixture.sign(retractionFields('VNM', 'IDN', id, 'VNM-2026-000042'));
      await fixture.submit(retraction);
      await waitFor(() => rejections(fixture, 'VNM', retraction.messageId).length === 1, 'the refused retraction');
      assert.deepEqual(rejections(fixture, 'VNM', retraction.messageId), ['RETRACTION_NOT_OWNER']);

      // KHM itself may not put different content under the same id.
      const reused = fixture.sign(alertFrom(fixture, 'KHM', { messageId: id, distribution: named('THA') }));
      await publishAs(fixture, 'KHM', subjects.submit('KHM', 'real', 'case-alert'), encodeEnvelope(reused));
      await waitFor(() => rejections(fixture, 'KHM', id).length === 1, 'KHM\'s refusal');
      assert.deepEqual(rejections(fixture, 'KHM', id), ['MESSAGE_ID_REUSED']);
      assert.equal(inbox('THA').count(id), 0);
      assert.equal(inbox('IDN').count(id), 1);
      assert.equal(inbox('IDN').received.find((item) => item.envelope.messageId === id)?.envelope.senderState, 'KHM');
    });

    await t.test('a second refusal of the same message id is answered too, each submission once', async () => {
      const refused = fixture.sign(fixture.alert({ handling: HandlingMark.HANDLING_MARK_RED, distribution: { mode: DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST } }));
      const bytes = encodeEnvelope(refused);
      await publishAs(fixture, 'IDN', subjects.submit('IDN', 'real', 'case-alert'), bytes);
      await waitFor(() => rejections(fixture, 'IDN', refused.messageId).length === 1, 'the first refusal');
      await publishAs(fixture, 'IDN', subjects.submit('IDN', 'real', 'case-alert'), bytes);
      await waitFor(() => rejections(fixture, 'IDN', refused.messageId).length === 2, 'the second refusal');
      await settle();
      assert.deepEqual(rejections(fixture, 'IDN', refused.messageId), ['RED_NEEDS_NAMED_RECIPIENTS', 'RED_NEEDS_NAMED_RECIPIENTS']);
    });

    await t.test('a malformed subject under a state\'s own prefix is answered with INVALID_SUBJECT', async () => {
      const malformed = [
        `${subjects.submit('IDN', 'real', 'case-alert')}.extra`,
        'tip.v1.submit.IDN.training.case-alert',
        'tip.v1.submit.IDN.real.case-report',
        'tip.v1.submit.IDN.real',
      ];
      const sent: string[] = [];
      for (const subject of malformed) {
        const envelope = fixture.sign(fixture.alert({ distribution: named('KHM') }));
        await publishAs(fixture, 'IDN', subject, encodeEnvelope(envelope));
        sent.push(envelope.messageId);
      }
      const answers = () => sent.map((id, i) => `${malformed[i]}: ${rejections(fixture, 'IDN', id).join('+') || 'none'}`).join('; ');
      await waitFor(() => sent.every((id) => rejections(fixture, 'IDN', id).length === 1), 'an answer for every malformed subject').catch((error: Error) => {
        throw new Error(`${error.message} (${answers()})`);
      });
      for (const id of sent) {
        assert.deepEqual(rejections(fixture, 'IDN', id), ['INVALID_SUBJECT']);
        assert.equal(inbox('KHM').count(id), 0);
      }
      const letters = await fixture.deadLetters();
      assert.equal(letters.filter((letter) => letter.reason === 'INVALID_SUBJECT').length, malformed.length);
    });

    await t.test('CR or LF in any string field of the envelope or payload is refused with one receipt, never a hub fault', async () => {
      const cases = stringFieldMutations(fixture);
      assert.ok(cases.length >= 20, `found ${cases.length} string fields`);
      const before = hubReceiptCount(fixture, 'IDN');
      for (const mutation of cases) await publishAs(fixture, "IDN", subjects.submit("IDN", "real", "case-alert"), mutation.bytes, mutation.natsMsgId);
      const refusedCount = cases.filter((mutation) => !mutation.multiline).length;
      const multilineCount = cases.length - refusedCount;
      // Refused: one REJECTED each. Multi-line text is valid: DELIVERED, one per recipient (KHM).
      await waitFor(() => hubReceiptCount(fixture, 'IDN') >= before + cases.length, 'a receipt for every mutated submission', 60_000);
      await settle();
      assert.equal(hubReceiptCount(fixture, 'IDN'), before + refusedCount + multilineCount);
      for (const mutation of cases.filter((m) => !m.multiline)) {
        const answers = rejections(fixture, 'IDN', mutation.answeredAs);
        assert.equal(answers.length, 1, `${mutation.path}: one answer (got ${answers.join(',')})`);
        assert.ok(['INVALID_ENVELOPE', 'INVALID_PAYLOAD', 'SENDER_MISMATCH'].includes(answers[0] ?? ''), `${mutation.path}: ${answers[0]}`);
      }
      const letters = await fixture.deadLetters();
      assert.equal(letters.filter((letter) => letter.reason === 'PROCESSING_FAILED').length, 0);
      assert.deepEqual(inbox('IDN').failures, []);
      assert.equal(fixture.inProcessServices?.router.stats.failures, 0);
    });

    await t.test('TLP:AMBER+STRICT content with an unknown field appended is still recognised and not forwarded', async () => {
      const strict = fixture.sign(fixture.alert({ handling: HandlingMark.HANDLING_MARK_AMBER_STRICT, distribution: named('KHM') }));
      await fixture.submit(strict);
      await waitFor(() => inbox('KHM').count(strict.messageId) === 1, 'the AMBER+STRICT alert at KHM');
      const padded = new Uint8Array([...strict.payload, 0xf8, 0x7f, 0x01]);
      const forward = fixture.sign(alertFrom(fixture, 'KHM', { handling: HandlingMark.HANDLING_MARK_GREEN, distribution: named('VNM'), payload: padded }));
      await fixture.submit(forward);
      await waitFor(() => rejections(fixture, 'KHM', forward.messageId).length === 1, 'the refusal');
      assert.deepEqual(rejections(fixture, 'KHM', forward.messageId), ['FORWARDING_FORBIDDEN']);
      assert.equal(inbox('VNM').count(forward.messageId), 0);
    });

    await t.test('TLP:RED content a state received cannot be re-sent to a third state; its owner may send it again', async () => {
      const red = fixture.sign(fixture.alert({ handling: HandlingMark.HANDLING_MARK_RED, distribution: named('KHM') }));
      await fixture.submit(red);
      await waitFor(() => inbox('KHM').count(red.messageId) === 1, 'the RED alert at KHM');
      const resend = fixture.sign(alertFrom(fixture, 'KHM', { handling: HandlingMark.HANDLING_MARK_RED, distribution: named('VNM'), payload: red.payload }));
      await fixture.submit(resend);
      await waitFor(() => rejections(fixture, 'KHM', resend.messageId).length === 1, 'the refusal');
      assert.deepEqual(rejections(fixture, 'KHM', resend.messageId), ['FORWARDING_FORBIDDEN']);
      assert.equal(inbox('VNM').count(resend.messageId), 0);
      const again = fixture.sign(fixture.alert({ handling: HandlingMark.HANDLING_MARK_RED, distribution: named('THA'), payload: red.payload }));
      await fixture.submit(again);
      await waitFor(() => inbox('THA').count(again.messageId) === 1, 'IDN\'s own RED content to THA');
    });

    await t.test('an identifier that arrived in a TLP:RED message never reveals its owner to a state outside its recipients', async () => {
      const passport = `R${Date.now()}`;
      const red = fixture.sign(alertWithPassport(fixture, 'IDN', passport, { handling: HandlingMark.HANDLING_MARK_RED, distribution: named('KHM') }));
      await fixture.submit(red);
      await waitFor(() => inbox('KHM').count(red.messageId) === 1, 'the RED alert at KHM');
      const outsider = fixture.sign(alertWithPassport(fixture, 'THA', passport, { distribution: named('VNM') }));
      await fixture.submit(outsider);
      // The RED owner learns that THA holds a match (THA's message was not RED); THA learns nothing of IDN.
      await waitFor(() => inbox('IDN').ofKind('hit-notice').some((item) => (item.decoded.message as v1.HitNotice).yourMessageId === red.messageId), 'IDN\'s notice');
      await settle();
      const toTha = inbox('THA').ofKind('hit-notice').map((item) => item.decoded.message as v1.HitNotice);
      assert.deepEqual(toTha.filter((notice) => notice.counterpartState === 'IDN'), [], 'THA must not learn that IDN holds the identifier');
      // KHM received the RED message, so it may be told.
      const insider = fixture.sign(alertWithPassport(fixture, 'KHM', passport, { distribution: named('VNM') }));
      await fixture.submit(insider);
      await waitFor(() => inbox('KHM').ofKind('hit-notice').some((item) => (item.decoded.message as v1.HitNotice).yourMessageId === insider.messageId
        && (item.decoded.message as v1.HitNotice).counterpartState === 'IDN'), 'KHM\'s notice naming IDN');
    });

    await t.test('sightings of a retracted message are gone: no hit afterwards', async () => {
      const passport = `W${Date.now()}`;
      const alert = fixture.sign(alertWithPassport(fixture, 'IDN', passport, { distribution: named('KHM') }));
      await fixture.submit(alert);
      await waitFor(() => inbox('KHM').count(alert.messageId) === 1, 'the alert at KHM');
      const retraction = fixture.sign(retractionFields('IDN', 'KHM', alert.messageId, alert.caseReference));
      await fixture.submit(retraction);
      await waitFor(() => inbox('KHM').count(retraction.messageId) === 1, 'the retraction at KHM');
      const later = fixture.sign(alertWithPassport(fixture, 'THA', passport, { distribution: named('VNM') }));
      await fixture.submit(later);
      await waitFor(() => inbox('VNM').count(later.messageId) === 1, 'THA\'s alert at VNM');
      await settle();
      const mentions = (state: StateCode) => inbox(state).ofKind('hit-notice')
        .map((item) => item.decoded.message as v1.HitNotice)
        .filter((notice) => notice.yourMessageId === later.messageId || notice.yourMessageId === alert.messageId);
      assert.deepEqual(mentions('THA'), []);
      assert.deepEqual(mentions('IDN'), []);
    });

    await t.test('a message that expired while its recipient was offline is not handed over; the sender is told EXPIRED', async () => {
      await fixture.topology.stopLeaf('VNM');
      const now = Date.now();
      const shortLived = fixture.sign(fixture.alert({ distribution: named('VNM'), createdAtUnixMs: now, expiresAtUnixMs: now + 2_000 }));
      await fixture.submit(shortLived);
      await waitFor(() => inbox('IDN').receipts().some((r) => r.acknowledgedMessageId === shortLived.messageId && r.status === Status.ACKNOWLEDGEMENT_STATUS_DELIVERED), 'accepted by the hub');
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await fixture.topology.startLeaf('VNM');
      const marker = fixture.sign(fixture.alert({ distribution: named('VNM') }));
      await fixture.submit(marker);
      await waitFor(() => inbox('VNM').count(marker.messageId) === 1, 'VNM back and catching up', 60_000);
      await waitFor(() => inbox('IDN').receipts().some((r) => r.acknowledgedMessageId === shortLived.messageId && r.reasonCode === 'EXPIRED'), 'the EXPIRED answer');
      const expired = inbox('IDN').receipts().find((r) => r.acknowledgedMessageId === shortLived.messageId && r.reasonCode === 'EXPIRED');
      assert.equal(expired?.acknowledgingState, 'VNM');
      assert.equal(expired?.status, Status.ACKNOWLEDGEMENT_STATUS_REJECTED);
      assert.equal(inbox('VNM').count(shortLived.messageId), 0);
    });

    for (const state of ['IDN', 'KHM', 'VNM', 'THA'] as const) assert.deepEqual(inbox(state).failures, [], `${state} verified everything it received`);
  });
});

interface StringFieldMutation {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly natsMsgId: string;
  /** The id the REJECTED receipt names: the message id, or the Nats-Msg-Id when the message id itself was broken. */
  readonly answeredAs: string;
  /** Multi-line free text: CR and LF are allowed there, so the message is delivered. */
  readonly multiline: boolean;
}

const MULTILINE_PATHS = new Set(['payload.summary']);

/** One signed case alert per string field (envelope and payload, nested and repeated), with CR LF put into it. */
function stringFieldMutations(fixture: HubFixture): StringFieldMutation[] {
  const base = fixture.alert({ distribution: named('KHM') });
  const envelopeObject = tip.Envelope.toObject(tip.Envelope.create(base), TO_OBJECT);
  const payloadObject = tip.CaseAlert.toObject(tip.CaseAlert.decode(base.payload as Uint8Array), TO_OBJECT);
  const mutations: StringFieldMutation[] = [];
  for (const path of stringPaths(envelopeObject, 'envelope').concat(stringPaths(payloadObject, 'payload'))) {
    if (path === 'envelope.drillId' || path === 'envelope.inReplyTo' || path === 'envelope.distribution.sharingGroup' || path === 'envelope.keyId') continue;
    const envelope = structuredClone(envelopeObject);
    const payload = structuredClone(payloadObject);
    const [root, ...rest] = path.split('.');
    setPath(root === 'envelope' ? envelope : payload, rest, (value: string) => `${value.slice(0, 3)}\r\n${value.slice(3)}`);
    const messageId = root === 'envelope' && rest[0] === 'messageId' ? String(envelope.messageId) : randomUUID();
    if (!(root === 'envelope' && rest[0] === 'messageId')) envelope.messageId = messageId;
    envelope.payload = encodePayload('case-alert', tip.CaseAlert.fromObject(payload));
    const fields = tip.Envelope.fromObject(envelope);
    const signed = fixture.sign(fields, 'IDN');
    const natsMsgId = randomUUID();
    mutations.push({
      path,
      bytes: encodeEnvelope(signed),
      natsMsgId,
      answeredAs: rest[0] === 'messageId' ? natsMsgId : messageId,
      multiline: MULTILINE_PATHS.has(path),
    });
  }
  // The fields skipped above are empty in this alert; put CR LF in them as values of their own.
  for (const [field, value] of [['inReplyTo', '\r\n'], ['keyId', 'IDN-\r\n'], ['distribution.sharingGroup', 'group\r\n'], ['drillId', 'drill\r\n']] as const) {
    const envelope = structuredClone(envelopeObject);
    const messageId = randomUUID();
    envelope.messageId = messageId;
    setPath(envelope, field.split('.'), () => value);
    const fields = tip.Envelope.fromObject(envelope);
    const signed = field === 'keyId' ? { ...fixture.sign(fields, 'IDN'), keyId: value } as v1.Envelope : fixture.sign(fields, 'IDN');
    mutations.push({ path: `envelope.${field}`, bytes: encodeEnvelope(tip.Envelope.create(signed)), natsMsgId: randomUUID(), answeredAs: messageId, multiline: false });
  }
  return mutations;
}

function stringPaths(value: unknown, prefix: string): string[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, `${prefix}.${index}`));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, `${prefix}.${key}`));
  }
  return [];
}

function setPath(target: Record<string, unknown>, path: readonly string[], change: (value: string) => string): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  node[last] = change(String(node[last] ?? ''));
}

