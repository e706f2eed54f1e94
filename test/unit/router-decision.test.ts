import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { encodeEnvelope } from '../../services/core/codec.ts';
import { v1 } from '../../services/core/proto.ts';
import { directoryEntryFor, generateSigningKey, KeyDirectory, signEnvelope } from '../../services/core/signing/mod.ts';
import { subjects } from '../../services/core/subjects.ts';
import { demoAlertFields } from '../../services/demo/demo-alert.ts';
import { decideSubmission, InMemoryMessageIndex, routingPolicy, type Decision } from '../../services/router/mod.ts';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const keys = { IDN: generateSigningKey('IDN'), KHM: generateSigningKey('KHM'), ARE: generateSigningKey('ARE') };
const directory = new KeyDirectory(Object.values(keys).map((key) => directoryEntryFor(key)));
const policy = routingPolicy({
  states: ['IDN', 'KHM', 'THA', 'VNM', 'MYS', 'ARE'],
  sharingGroups: { 'financial-intelligence': ['IDN', 'MYS', 'THA'] },
  drills: { 'drill-2026-11': ['IDN', 'KHM', 'THA'] },
});
const matchingKey = { id: 'test-matching-key', secret: randomBytes(32) };
const { RouteRole, DistributionMode, HandlingMark } = v1;

type Fields = v1.Envelope.$Properties;

function alertFields(overrides: Partial<Fields> = {}): Fields {
  return { ...demoAlertFields(NOW, matchingKey), messageId: randomUUID(), ...overrides };
}

const index = new InMemoryMessageIndex();

function decide(fields: Fields, options: { key?: keyof typeof keys; subject?: string; tamper?: (bytes: Uint8Array) => Uint8Array } = {}): Promise<Decision> {
  const envelope = signEnvelope(fields, keys[options.key ?? 'IDN']);
  const bytes = (options.tamper ?? ((b) => b))(encodeEnvelope(envelope));
  const subject = options.subject ?? subjects.submit(String(fields.senderState), fields.exercise ? 'exercise' : 'real', 'case-alert');
  return decideSubmission({ subject, data: bytes, nowMs: NOW + 1_000 }, { directory, policy, index });
}

async function recipientsOf(pending: Promise<Decision>): Promise<string[]> {
  const decision = await pending;
  assert.equal(decision.kind, 'deliver', decision.kind === 'reject' ? `${decision.code}: ${decision.reason}` : '');
  return [...(decision.kind === 'deliver' ? decision.recipients : [])].sort();
}

async function rejectionOf(pending: Promise<Decision> | Decision): Promise<{ code: string; reason: string; sender: string | undefined }> {
  const decision = await pending;
  assert.equal(decision.kind, 'reject', 'expected a rejection');
  return decision.kind === 'reject' ? decision : { code: '', reason: '', sender: undefined };
}

describe('recipients by distribution', () => {
  test('an alert from IDN routed to transit and destination roles reaches THA and KHM and not VNM', async () => {
    const fields = alertFields({
      distribution: { mode: DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [RouteRole.ROUTE_ROLE_TRANSIT, RouteRole.ROUTE_ROLE_DESTINATION] },
    });
    assert.deepEqual(await recipientsOf(decide(fields)), ['KHM', 'THA']);
  });

  test('named recipients receive exactly what is named', async () => {
    const fields = alertFields({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM', 'VNM'] } });
    assert.deepEqual(await recipientsOf(decide(fields)), ['KHM', 'VNM']);
  });

  test('a regional broadcast reaches every member state on the hub but not the sender or partner states', async () => {
    const fields = alertFields({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST }, handling: HandlingMark.HANDLING_MARK_GREEN });
    assert.deepEqual(await recipientsOf(decide(fields)), ['KHM', 'MYS', 'THA', 'VNM']);
  });

  test('a sharing group reaches its members other than the sender', async () => {
    const fields = alertFields({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_SHARING_GROUP, sharingGroup: 'financial-intelligence' } });
    assert.deepEqual(await recipientsOf(decide(fields)), ['MYS', 'THA']);
  });

  test('an undefined sharing group is rejected with UNKNOWN_SHARING_GROUP', async () => {
    const fields = alertFields({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_SHARING_GROUP, sharingGroup: 'nobody-knows' } });
    assert.equal((await rejectionOf(decide(fields))).code, 'UNKNOWN_SHARING_GROUP');
  });

  test('a named state without a node on the hub is rejected with UNKNOWN_RECIPIENT', async () => {
    const fields = alertFields({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM', 'LAO'] } });
    const rejection = await rejectionOf(decide(fields));
    assert.equal(rejection.code, 'UNKNOWN_RECIPIENT');
    assert.match(rejection.reason, /LAO/);
  });

  test('route roles that only match the sender are rejected with NO_RECIPIENTS', async () => {
    const fields = alertFields({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [RouteRole.ROUTE_ROLE_ORIGIN] } });
    assert.equal((await rejectionOf(decide(fields))).code, 'NO_RECIPIENTS');
  });
});

describe('handling policy', () => {
  test('a RED alert sent by broadcast is rejected with RED_NEEDS_NAMED_RECIPIENTS', async () => {
    const fields = alertFields({ handling: HandlingMark.HANDLING_MARK_RED, distribution: { mode: DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST } });
    assert.equal((await rejectionOf(decide(fields))).code, 'RED_NEEDS_NAMED_RECIPIENTS');
  });

  test('a RED alert by route role is rejected too', async () => {
    const fields = alertFields({ handling: HandlingMark.HANDLING_MARK_RED });
    assert.equal((await rejectionOf(decide(fields))).code, 'RED_NEEDS_NAMED_RECIPIENTS');
  });

  test('a RED alert to named recipients goes to exactly them', async () => {
    const fields = alertFields({ handling: HandlingMark.HANDLING_MARK_RED, distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } });
    assert.deepEqual(await recipientsOf(decide(fields)), ['KHM']);
  });

  test('a partner state may not broadcast: PARTNER_NOT_PERMITTED', async () => {
    const fields = alertFields({ senderState: 'ARE', distribution: { mode: DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST }, caseReference: 'ARE-2026-1' });
    assert.equal((await rejectionOf(decide(fields, { key: 'ARE' }))).code, 'PARTNER_NOT_PERMITTED');
  });

  test('an expired alert is rejected with EXPIRED', async () => {
    const fields = alertFields({ createdAtUnixMs: NOW - 10_000, expiresAtUnixMs: NOW - 1, });
    // The demo alert's reply deadline is after creation, so only expiry is wrong.
    assert.equal((await rejectionOf(decide(fields))).code, 'EXPIRED');
  });
});

describe('exercise traffic', () => {
  const drill = { exercise: true, drillId: 'drill-2026-11' };

  test('an exercise alert reaches only the drill participants among its route roles', async () => {
    const fields = alertFields({
      ...drill,
      distribution: { mode: DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST },
      handling: HandlingMark.HANDLING_MARK_GREEN,
    });
    assert.deepEqual(await recipientsOf(decide(fields)), ['KHM', 'THA']);
  });

  test('naming a state outside the drill is rejected with NOT_A_DRILL_PARTICIPANT', async () => {
    const fields = alertFields({ ...drill, distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM', 'VNM'] } });
    assert.equal((await rejectionOf(decide(fields))).code, 'NOT_A_DRILL_PARTICIPANT');
  });

  test('exercise traffic for a drill the hub does not run is rejected', async () => {
    const fields = alertFields({ exercise: true, drillId: 'no-such-drill' });
    assert.equal((await rejectionOf(decide(fields))).code, 'NOT_A_DRILL_PARTICIPANT');
  });

  test('an exercise envelope on a real subject is rejected with TRAFFIC_CLASS_MISMATCH', async () => {
    const fields = alertFields(drill);
    const subject = subjects.submit('IDN', 'real', 'case-alert');
    assert.equal((await rejectionOf(decide(fields, { subject }))).code, 'TRAFFIC_CLASS_MISMATCH');
  });
});

describe('who sent it', () => {
  test('an envelope claiming sender KHM on IDN\'s subject is rejected with SENDER_MISMATCH', async () => {
    const fields = alertFields({ senderState: 'KHM', caseReference: 'KHM-2026-1' });
    const rejection = await rejectionOf(decide(fields, { key: 'KHM', subject: subjects.submit('IDN', 'real', 'case-alert') }));
    assert.equal(rejection.code, 'SENDER_MISMATCH');
    assert.equal(rejection.sender, 'IDN');
  });

  test('a signature by another state\'s key is rejected with KEY_NOT_OWNED_BY_SENDER', async () => {
    assert.equal((await rejectionOf(decide(alertFields(), { key: 'KHM' }))).code, 'KEY_NOT_OWNED_BY_SENDER');
  });

  test('a changed byte in the signed payload is rejected with SIGNATURE_INVALID', async () => {
    const decision = await decide(alertFields(), {
      tamper: (bytes) => {
        const copy = Uint8Array.from(bytes);
        // Flip a letter of the summary text, deep inside the payload.
        const at = Buffer.from(copy).indexOf('Indonesian');
        copy[at] = 'J'.charCodeAt(0);
        return copy;
      },
    });
    assert.equal((await rejectionOf(decision)).code, 'SIGNATURE_INVALID');
  });
});

describe('bad bytes', () => {
  test('garbage is rejected with ENVELOPE_UNDECODABLE and the sender known from the subject', async () => {
    const decision = await decideSubmission(
      { subject: subjects.submit('IDN', 'real', 'case-alert'), data: Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 0x01]), nowMs: NOW },
      { directory, policy, index },
    );
    const rejection = await rejectionOf(decision);
    assert.equal(rejection.code, 'ENVELOPE_UNDECODABLE');
    assert.equal(rejection.sender, 'IDN');
  });

  test('a truncated envelope is rejected, never thrown', async () => {
    const decision = await decide(alertFields(), { tamper: (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)) });
    assert.equal(decision.kind, 'reject');
  });

  test('a payload type that disagrees with the subject is rejected with INVALID_ENVELOPE', async () => {
    const decision = await decide(alertFields(), { subject: subjects.submit('IDN', 'real', 'intelligence-report') });
    assert.equal((await rejectionOf(decision)).code, 'INVALID_ENVELOPE');
  });
});
