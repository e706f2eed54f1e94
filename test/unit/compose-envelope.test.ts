// One composer builds every outgoing envelope from typed values: what it produces decodes, verifies
// with the signing key, passes the hub's envelope and payload rules, and addresses replies to the
// message they answer. No broker: composing is pure apart from the signature.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  composeEnvelope, decodeEnvelope, decodePayload, directoryEntryFor, encodeEnvelope, generateSigningKey, HUB_SENDER, KeyDirectory,
  RejectionError, tip, v1, verifyEnvelope, type EnvelopeDraft, type Envelope,
} from '../../services/core/mod.ts';
import { validateMessage } from '../../services/core/validation/mod.ts';
import {
  prepareAcknowledgement, prepareReminder, prepareSubmission, replyDeadlines, summariseMessage, type AnsweredMessage,
} from '../../services/node/mod.ts';
import { hubHitNotice, hubReceipt } from '../../services/router/mod.ts';
import { SAMPLE_NOW_UNIX_MS, SAMPLE_PAYLOADS } from '../support/message-samples.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const NOW = SAMPLE_NOW_UNIX_MS;
const idnKey = generateSigningKey('IDN');
const khmKey = generateSigningKey('KHM');
const hubKey = generateSigningKey(HUB_SENDER);
const directory = new KeyDirectory([idnKey, khmKey, hubKey].map((key) => directoryEntryFor(key)));
const rescueRequest = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** What a recipient does with the bytes: decode, verify the signature, hold to the contract rules. */
function withoutMessageId(draft: EnvelopeDraft): EnvelopeDraft {
  const { messageId: _dropped, ...rest } = draft;
  return rest;
}

function receive(bytes: Uint8Array, nowMs = NOW): Envelope {
  const envelope = decodeEnvelope(bytes);
  verifyEnvelope(envelope, directory);
  validateMessage(envelope, decodePayload(envelope), nowMs);
  return envelope;
}

const alertDraft: EnvelopeDraft = {
  messageId: '5d0e8c1a-3b7f-4e2d-9a61-0c4b8f2e7d13',
  sender: 'IDN',
  senderUnit: 'POLRI-BARESKRIM',
  recipients: { mode: 'named', states: ['THA', 'KHM'] },
  handling: v1.HandlingMark.HANDLING_MARK_AMBER,
  priority: v1.Priority.PRIORITY_URGENT,
  traffic: { class: 'exercise', drillId: 'DRILL-2026-MEKONG-01' },
  caseReference: 'IDN-2026-000123',
  createdAtUnixMs: NOW,
  lifetimeMs: 14 * 24 * 3_600_000,
  payload: { name: 'case-alert', message: tip.CaseAlert.create(SAMPLE_PAYLOADS['case-alert']) },
};

describe('composeEnvelope', () => {
  test('a composed envelope decodes, verifies with the signing key and passes the hub rules', () => {
    const composed = composeEnvelope(alertDraft, idnKey);
    const envelope = receive(composed.bytes);
    assert.deepEqual(composed.bytes, encodeEnvelope(composed.envelope));
    assert.equal(envelope.keyId, idnKey.keyId);
    assert.equal(envelope.messageId, alertDraft.messageId);
    assert.deepEqual(envelope.distribution?.states, ['THA', 'KHM']);
    assert.equal(envelope.expiresAtUnixMs, NOW + alertDraft.lifetimeMs);
    assert.equal(envelope.exercise, true);
    assert.equal(envelope.drillId, 'DRILL-2026-MEKONG-01');
    assert.equal(envelope.payloadType, v1.PayloadType.PAYLOAD_TYPE_CASE_ALERT);
  });

  test('the typed payload handed back is what decoding the envelope gives', () => {
    const composed = composeEnvelope(alertDraft, idnKey);
    const decoded = decodePayload(decodeEnvelope(composed.bytes));
    assert.equal(decoded.name, composed.payload.name);
    assert.deepEqual(tip.CaseAlert.toObject(decoded.message as v1.CaseAlert), tip.CaseAlert.toObject(composed.payload.message as v1.CaseAlert));
  });

  test('real traffic carries no drill id, and a message without a chosen id gets a fresh one', () => {
    const { envelope } = composeEnvelope(withoutMessageId({ ...alertDraft, traffic: { class: 'real' } }), idnKey);
    assert.equal(envelope.exercise, false);
    assert.equal(envelope.drillId, '');
    assert.match(envelope.messageId, /^[0-9a-f-]{36}$/);
    assert.notEqual(envelope.messageId, alertDraft.messageId);
  });

  test('a change to any byte after composing breaks the signature', () => {
    const { envelope } = composeEnvelope(alertDraft, idnKey);
    const tampered = decodeEnvelope(encodeEnvelope(tip.Envelope.create({ ...envelope, caseReference: 'IDN-2026-000124' })));
    assert.throws(() => verifyEnvelope(tampered, directory), (error) => error instanceof RejectionError && error.code === 'SIGNATURE_INVALID');
  });
});

describe('national submissions', () => {
  test('a submission is validated at the edge and composed once: its summary is of the payload as signed', () => {
    const prepared = prepareSubmission(rescueRequest, { state: 'IDN', signingKey: idnKey, matchingKey: TEST_MATCHING_KEY, deadlines: replyDeadlines(), nowMs: NOW });
    const envelope = receive(prepared.bytes);
    assert.deepEqual(prepared.bytes, encodeEnvelope(prepared.envelope));
    assert.deepEqual(prepared.summary, summariseMessage(envelope, decodePayload(envelope)));
  });
});

describe('node replies', () => {
  const received: AnsweredMessage = {
    messageId: '9b4f2c7e-1a3d-4c8b-b5e0-6f7a2d9c1e48', sender: 'IDN', traffic: 'exercise', drillId: 'DRILL-2026-MEKONG-01', caseReference: 'IDN-2026-000123',
  };
  const khm = { state: 'KHM', senderUnit: 'KHM-LIAISON', signingKey: khmKey };

  test('an acknowledgement names the original sender alone, its case reference, drill and message', () => {
    const { envelope, bytes, summary } = prepareAcknowledgement(received, { status: 'read' }, khm, NOW);
    receive(bytes);
    assert.equal(envelope.senderState, 'KHM');
    assert.equal(envelope.senderUnit, 'KHM-LIAISON');
    assert.deepEqual(envelope.distribution?.states, ['IDN']);
    assert.equal(envelope.distribution?.mode, v1.DistributionMode.DISTRIBUTION_MODE_NAMED);
    assert.equal(envelope.caseReference, 'IDN-2026-000123');
    assert.equal(envelope.inReplyTo, received.messageId);
    assert.equal(envelope.drillId, 'DRILL-2026-MEKONG-01');
    assert.equal(envelope.handling, v1.HandlingMark.HANDLING_MARK_GREEN);
    assert.equal(envelope.priority, v1.Priority.PRIORITY_ROUTINE);
    assert.equal(summary.acknowledgement?.status, 'read');
    assert.equal(summary.acknowledgement?.acknowledgingState, 'KHM');
    assert.equal(summary.acknowledgement?.acknowledgedMessageId, received.messageId);
  });

  test('an acknowledgement is the envelope the submission input of the same acknowledgement gives', () => {
    const composed = prepareAcknowledgement(received, { status: 'rejected', reasonCode: 'SIGNATURE_INVALID', reason: ' the signature does not verify ' }, khm, NOW);
    const viaInput = prepareSubmission({
      type: 'acknowledgement', senderUnit: 'KHM-LIAISON', distribution: { mode: 'named', states: ['IDN'] }, handling: 'green', priority: 'routine',
      caseReference: received.caseReference, exercise: { drillId: received.drillId },
      payload: { acknowledgedMessageId: received.messageId, status: 'rejected', reasonCode: 'SIGNATURE_INVALID', reason: ' the signature does not verify ' },
    }, { state: 'KHM', signingKey: khmKey, matchingKey: TEST_MATCHING_KEY, deadlines: replyDeadlines(), nowMs: NOW, newId: () => composed.envelope.messageId });
    assert.deepEqual(composed.bytes, viaInput.bytes);
    assert.equal(composed.summary.acknowledgement?.reason, 'the signature does not verify');
  });

  test('real traffic is answered as real traffic', () => {
    const { envelope } = prepareAcknowledgement({ ...received, traffic: 'real', drillId: '' }, { status: 'actioned' }, khm, NOW);
    assert.equal(envelope.exercise, false);
    assert.equal(envelope.drillId, '');
  });

  test('a refused delivery whose case reference is not one is not answered: nothing invalid is composed', () => {
    const refused = { ...received, caseReference: 'not a\ncase reference' };
    assert.throws(
      () => prepareAcknowledgement(refused, { status: 'rejected', reasonCode: 'SIGNATURE_INVALID', reason: 'bad signature' }, khm, NOW),
      (error) => error instanceof RejectionError && error.code === 'INVALID_ENVELOPE',
    );
  });

  test('a reminder repeats the request to the requested state, IMMEDIATE, under the request\'s handling', () => {
    const request = prepareSubmission({
      type: 'assistance-request', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber-strict', priority: 'urgent',
      caseReference: 'IDN-2026-000123', payload: { kind: 'information', requestedState: 'KHM', summary: 'Locate the group', personsCount: 3 },
    }, { state: 'IDN', signingKey: idnKey, matchingKey: TEST_MATCHING_KEY, deadlines: replyDeadlines(), nowMs: NOW });
    const sentRecord = {
      messageId: request.envelope.messageId, summary: request.summary, sentAtUnixMs: NOW, recipients: {}, answers: [],
      requestPayload: Buffer.from(request.envelope.payload).toString('base64'),
    };
    const later = NOW + 4 * 24 * 3_600_000;
    const reminder = prepareReminder(sentRecord, { state: 'IDN', senderUnit: 'IDN-LIAISON', signingKey: idnKey, deadlines: replyDeadlines() }, later);
    const envelope = receive(reminder.bytes, later);
    assert.equal(envelope.handling, v1.HandlingMark.HANDLING_MARK_AMBER_STRICT);
    assert.equal(envelope.priority, v1.Priority.PRIORITY_IMMEDIATE);
    assert.deepEqual(envelope.distribution?.states, ['KHM']);
    assert.equal(envelope.caseReference, 'IDN-2026-000123');
    assert.equal(reminder.summary.relatedMessageId, request.envelope.messageId);
    assert.match(reminder.summary.headline, /^Reminder: request /);
  });
});

describe('hub messages', () => {
  test('a hub receipt is composed to the sender, verifies as the hub and passes the hub rules', () => {
    const receipt = hubReceipt({
      messageId: '7a1d3e5f-9c2b-4d6e-8f0a-3c5e7b9d1f24', status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_DELIVERED, to: 'IDN',
      acknowledgedMessageId: '9b4f2c7e-1a3d-4c8b-b5e0-6f7a2d9c1e48', acknowledgingState: 'KHM', exercise: false, drillId: '',
      caseReference: 'IDN-2026-000123', nowMs: NOW,
    }, hubKey);
    const envelope = receive(receipt.bytes);
    assert.equal(envelope.senderState, HUB_SENDER);
    assert.deepEqual(envelope.distribution?.states, ['IDN']);
    assert.equal(envelope.inReplyTo, '9b4f2c7e-1a3d-4c8b-b5e0-6f7a2d9c1e48');
    assert.equal(envelope.caseReference, 'IDN-2026-000123');
    assert.equal(receipt.payload.name, 'acknowledgement');
  });

  test('a hit notice is AMBER and URGENT, to the state told, about its own message', () => {
    const notice = hubHitNotice({
      messageId: '2e7c9a14-8d5b-4f30-a6c2-1b9e4d7f0a35', to: 'KHM', yourMessageId: '9b4f2c7e-1a3d-4c8b-b5e0-6f7a2d9c1e48', counterpartState: 'IDN',
      hitId: '5d0e8c1a-3b7f-4e2d-9a61-0c4b8f2e7d13', identifierKind: 1, matchedIdentifiers: 2, exercise: true, drillId: 'DRILL-1', nowMs: NOW,
    }, hubKey);
    const envelope = receive(notice.bytes);
    assert.equal(envelope.handling, v1.HandlingMark.HANDLING_MARK_AMBER);
    assert.equal(envelope.priority, v1.Priority.PRIORITY_URGENT);
    assert.deepEqual(envelope.distribution?.states, ['KHM']);
    assert.equal(envelope.inReplyTo, '9b4f2c7e-1a3d-4c8b-b5e0-6f7a2d9c1e48');
    assert.equal(envelope.drillId, 'DRILL-1');
  });
});
