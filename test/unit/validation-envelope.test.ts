import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RejectionError } from '../../services/core/errors.ts';
import type { ReasonCode } from '../../services/core/reason-codes.ts';
import { v1 } from '../../services/core/proto.ts';
import { validateEnvelope } from '../../services/core/validation/mod.ts';
import { HOUR, NOW, validEnvelope, type Overrides } from '../support/validation-fixtures.ts';

function assertRejected(run: () => void, code: ReasonCode, pattern: RegExp): RejectionError {
  let caught: unknown;
  try { run(); } catch (error) { caught = error; }
  assert.ok(caught instanceof RejectionError, `expected a RejectionError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.match(caught.message, pattern);
  return caught;
}

function envelopeWith(fields: Overrides<v1.Envelope.$Properties>, name: Parameters<typeof validEnvelope>[0] = 'case-alert') {
  return validEnvelope(name, { envelope: fields });
}

const named = (...states: string[]) => ({ mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states });

test('an unknown state code in a named distribution is rejected with INVALID_ENVELOPE naming its index', () => {
  const envelope = envelopeWith({ distribution: named('THA', 'XYZ') });
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE',
    /envelope\.distribution\.states\[1\]: "XYZ" is not a known state code \(known: BRN, KHM, .*\)/);
});

test('a missing sender_unit is rejected as empty', () => {
  assertRejected(() => validateEnvelope(envelopeWith({ senderUnit: '' }), NOW), 'INVALID_ENVELOPE', /envelope\.sender_unit: must not be empty/);
});

test('an envelope that expires before it was created is rejected', () => {
  const envelope = envelopeWith({ expiresAtUnixMs: NOW - HOUR });
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /envelope\.expires_at_unix_ms: must be after created_at_unix_ms/);
});

test('a lifetime longer than 400 days is rejected', () => {
  const envelope = envelopeWith({ expiresAtUnixMs: NOW + 401 * 24 * HOUR });
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /envelope\.expires_at_unix_ms: must be at most 400 days after created_at_unix_ms/);
});

test('created_at far in the future of the receiver clock is rejected, small skew is tolerated', () => {
  const envelope = envelopeWith({ createdAtUnixMs: NOW + 2 * HOUR, expiresAtUnixMs: NOW + 48 * HOUR }, 'retraction');
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /envelope\.created_at_unix_ms: is 7200 s ahead .*5 minutes of clock skew/);
  validateEnvelope(envelopeWith({ createdAtUnixMs: NOW + 60_000 }, 'retraction'), NOW);
});

test('exercise traffic without a drill_id is rejected, and real traffic with one too', () => {
  assertRejected(() => validateEnvelope(envelopeWith({ exercise: true, drillId: '' }), NOW), 'INVALID_ENVELOPE',
    /envelope\.drill_id: is required when exercise is true/);
  assertRejected(() => validateEnvelope(envelopeWith({ exercise: false, drillId: 'DRILL-1' }), NOW), 'INVALID_ENVELOPE',
    /envelope\.drill_id: must be empty when exercise is false/);
});

test('a message_id that is not a lower-case UUID is rejected', () => {
  for (const messageId of ['not-a-uuid', '5D0E8C1A-3B7F-4E2D-9A61-0C4B8F2E7D13', '']) {
    assertRejected(() => validateEnvelope(envelopeWith({ messageId }), NOW), 'INVALID_ENVELOPE', /envelope\.message_id: must be a lower-case UUID/);
  }
});

test('a signature that is not 64 bytes is rejected', () => {
  const envelope = envelopeWith({ signature: new Uint8Array(63) });
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /envelope\.signature: must be exactly 64 bytes \(an Ed25519 signature\)/);
});

test('an unset handling mark is rejected by its enum name', () => {
  const envelope = envelopeWith({ handling: v1.HandlingMark.HANDLING_MARK_UNSPECIFIED });
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /envelope\.handling: must be set \(HANDLING_MARK_UNSPECIFIED is not allowed\)/);
});

test('a named distribution may not name the sender or the same state twice', () => {
  const error = assertRejected(() => validateEnvelope(envelopeWith({ distribution: named('THA', 'IDN', 'THA') }), NOW), 'INVALID_ENVELOPE',
    /envelope\.distribution\.states\[1\]: must not name the sender \(IDN\)/);
  assert.match(error.message, /envelope\.distribution\.states\[2\]: state THA is listed more than once/);
});

test('a missing distribution, and route roles with no roles, are rejected', () => {
  assertRejected(() => validateEnvelope(envelopeWith({ distribution: undefined }), NOW), 'INVALID_ENVELOPE', /envelope\.distribution: is required/);
  const roles = envelopeWith({ distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES } });
  assertRejected(() => validateEnvelope(roles, NOW), 'INVALID_ENVELOPE', /envelope\.distribution\.route_roles: must list at least one route role/);
});

test('route-role distribution of a payload without a route is rejected', () => {
  const envelope = envelopeWith({ distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [1] } }, 'retraction');
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /envelope\.distribution\.mode: ROUTE_ROLES distribution needs a payload that carries a route/);
});

test('a sharing group must be a lower-case slug', () => {
  const envelope = envelopeWith({ distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_SHARING_GROUP, sharingGroup: 'Financial Intel' } });
  assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /envelope\.distribution\.sharing_group: must name a sharing group as a lower-case slug/);
});

test('case alerts need a well-formed case reference', () => {
  assertRejected(() => validateEnvelope(envelopeWith({ caseReference: '' }), NOW), 'INVALID_ENVELOPE',
    /envelope\.case_reference: is required for case alerts and assistance requests/);
  assertRejected(() => validateEnvelope(envelopeWith({ caseReference: 'case 12' }), NOW), 'INVALID_ENVELOPE',
    /envelope\.case_reference: must look like "IDN-2026-000123"/);
});

test('in_reply_to must be empty or a UUID, and key_id must be set', () => {
  assertRejected(() => validateEnvelope(envelopeWith({ inReplyTo: 'yesterday' }), NOW), 'INVALID_ENVELOPE', /envelope\.in_reply_to: must be empty or a lower-case UUID/);
  assertRejected(() => validateEnvelope(envelopeWith({ keyId: '' }), NOW), 'INVALID_ENVELOPE', /envelope\.key_id: must not be empty/);
});

test('an unknown sender state is rejected, HUB is accepted', () => {
  assertRejected(() => validateEnvelope(envelopeWith({ senderState: 'USA' }), NOW), 'INVALID_ENVELOPE', /envelope\.sender_state: "USA" is not a known state code/);
  validateEnvelope(envelopeWith({ senderState: 'HUB' }), NOW);
});

test('every problem is reported at once, separated by semicolons', () => {
  const envelope = envelopeWith({ senderUnit: '', priority: 0, payloadType: 0, signature: new Uint8Array() });
  const error = assertRejected(() => validateEnvelope(envelope, NOW), 'INVALID_ENVELOPE', /sender_unit/);
  for (const field of ['envelope.priority', 'envelope.payload_type', 'envelope.signature']) assert.ok(error.message.includes(field), error.message);
  assert.equal(error.message.split('; ').length, 4);
});
