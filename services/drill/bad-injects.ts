// Malformed and spoofed submissions, as a broken or hostile client on a state's leaf would send
// them. Each carries a Nats-Msg-Id the drill remembers, so the report can show the hub refused
// every one, with which reason.
import { randomBytes, randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { permissionViolationFor } from '../local-nats/mod.ts';
import { encodeEnvelope, encodePayload, type StateCode, v1, signEnvelope, type SigningKey, CONTRACT_VERSION, HEADERS, subjects } from '../core/mod.ts';

export interface BadInject {
  readonly id: string;
  readonly from: StateCode;
  readonly variant: string;
  /** What should stop it: a hub reason code, or NATS_PERMISSION_DENIED when the server refuses it. */
  readonly expected: string;
  /** Filled in as the drill learns it. */
  outcome?: string;
}

const MALFORMED_VARIANTS = ['garbage-bytes', 'truncated-envelope', 'unknown-payload-type', 'oversize-envelope'] as const;
const SPOOF_VARIANTS = ['claims-other-sender', 'other-state-key-id', 'forged-signature', 'publish-on-other-subject'] as const;

function baseFields(from: StateCode, drillId: string): v1.Envelope.$Properties {
  const now = Date.now();
  return {
    messageId: randomUUID(),
    senderState: from,
    senderUnit: `${from}-DRILL-CELL`,
    distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST },
    handling: v1.HandlingMark.HANDLING_MARK_GREEN,
    priority: v1.Priority.PRIORITY_ROUTINE,
    createdAtUnixMs: now,
    expiresAtUnixMs: now + 3_600_000,
    caseReference: `${from}-DRILL-BAD`,
    exercise: true,
    drillId,
    payloadType: v1.PayloadType.PAYLOAD_TYPE_CASE_ALERT,
    payload: encodePayload('case-alert', v1.CaseAlert.create({
      kind: v1.CaseAlertKind.CASE_ALERT_KIND_SUSPECTED_RECRUITMENT,
      summary: 'Injected by the drill controller to test the hub.',
      recruitmentChannel: v1.RecruitmentChannel.RECRUITMENT_CHANNEL_SOCIAL_MEDIA,
    })),
  };
}

async function submitRaw(nc: NatsConnection, subject: string, bytes: Uint8Array, id: string): Promise<void> {
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  await jetstream(nc, { timeout: 5_000 }).publish(subject, bytes, { msgID: id, headers: h, retries: 5 });
}

export async function injectMalformed(nc: NatsConnection, from: StateCode, count: number, drillId: string, key: SigningKey): Promise<BadInject[]> {
  const injects: BadInject[] = [];
  for (let i = 0; i < count; i += 1) {
    const variant = MALFORMED_VARIANTS[i % MALFORMED_VARIANTS.length] as (typeof MALFORMED_VARIANTS)[number];
    const fields = baseFields(from, drillId);
    const id = String(fields.messageId);
    const valid = encodeEnvelope(signEnvelope(fields, key));
    const [bytes, expected] = {
      'garbage-bytes': [randomBytes(512), 'ENVELOPE_UNDECODABLE'],
      'truncated-envelope': [valid.subarray(0, Math.floor(valid.length * 0.7)), 'ENVELOPE_UNDECODABLE'],
      'unknown-payload-type': [encodeEnvelope(signEnvelope({ ...fields, payloadType: 99 as v1.PayloadType }, key)), 'INVALID_ENVELOPE'],
      'oversize-envelope': [encodeEnvelope(signEnvelope({ ...fields, payload: randomBytes(2 * 1024 * 1024) }, key)), 'OVERSIZE'],
    }[variant] as [Uint8Array, string];
    await submitRaw(nc, subjects.submit(from, 'exercise', 'case-alert'), bytes, id);
    injects.push({ id, from, variant, expected });
  }
  return injects;
}

export async function injectSpoofed(
  nc: NatsConnection, from: StateCode, impersonates: StateCode, count: number, drillId: string, ownKey: SigningKey, impersonatedKeyId: string,
): Promise<BadInject[]> {
  const injects: BadInject[] = [];
  for (let i = 0; i < count; i += 1) {
    const variant = SPOOF_VARIANTS[i % SPOOF_VARIANTS.length] as (typeof SPOOF_VARIANTS)[number];
    const fields = baseFields(from, drillId);
    const id = String(fields.messageId);
    const subject = subjects.submit(from, 'exercise', 'case-alert');
    if (variant === 'publish-on-other-subject') {
      const refused = (await permissionViolationFor(nc, subjects.submit(impersonates, 'exercise', 'case-alert'), () =>
        nc.publish(subjects.submit(impersonates, 'exercise', 'case-alert'), encodeEnvelope(signEnvelope({ ...fields, senderState: impersonates }, ownKey))), 3_000)) !== undefined;
      injects.push({ id, from, variant, expected: 'NATS_PERMISSION_DENIED', outcome: refused ? 'NATS_PERMISSION_DENIED' : 'not refused by NATS' });
      continue;
    }
    let envelope;
    if (variant === 'claims-other-sender') {
      envelope = signEnvelope({ ...fields, senderState: impersonates }, ownKey);
    } else if (variant === 'other-state-key-id') {
      envelope = signEnvelope(fields, ownKey);
      envelope.keyId = impersonatedKeyId;
    } else {
      envelope = signEnvelope(fields, ownKey);
      envelope.signature = randomBytes(64);
    }
    const expected = { 'claims-other-sender': 'SENDER_MISMATCH', 'other-state-key-id': 'KEY_NOT_OWNED_BY_SENDER', 'forged-signature': 'SIGNATURE_INVALID' }[variant];
    await submitRaw(nc, subject, encodeEnvelope(envelope), id);
    injects.push({ id, from, variant, expected });
  }
  return injects;
}
