// How copies reach a state: the recipients' copies of a delivery and the hub's own messages
// (receipts, hit notices, signed with the hub's key, with derived ids so a redo is de-duplicated),
// each to the state's outbox or, where the router may, straight into its inbox.
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { type ComposedEnvelope, CONTRACT_VERSION, HEADERS, type SigningKey, subjects, type TrafficClass, trafficClassOf } from '../core/mod.ts';
import type { StateInboxes } from './direct-hand-overs.ts';
import { HubMessageIds } from './hub-message-ids.ts';
import { hubReceipt, type ReceiptInput } from './receipts.ts';

/** The hub's signing key and the id derivation that goes with it; built once per process. */
export interface HubIdentity {
  readonly key: SigningKey;
  readonly ids: HubMessageIds;
}

export function hubIdentity(key: SigningKey): HubIdentity {
  return { key, ids: new HubMessageIds(key) };
}

/** A message the hub originates (composed by receipts.ts), to its one named recipient's outbox. */
export async function publishHubMessage(js: JetStreamClient, composed: ComposedEnvelope, inboxes?: StateInboxes): Promise<void> {
  const { envelope, bytes } = composed;
  const to = envelope.distribution?.states[0] ?? '';
  await publishCopy(js, { to, traffic: trafficClassOf(envelope), payloadName: composed.payload.name, messageId: envelope.messageId, expiresAtUnixMs: envelope.expiresAtUnixMs, bytes }, inboxes);
}

export interface Copy {
  readonly to: string;
  readonly traffic: TrafficClass;
  readonly payloadName: string;
  readonly messageId: string;
  readonly expiresAtUnixMs: number;
  readonly bytes: Uint8Array;
}

/**
 * One recipient's copy of a message: straight into its inbox when given its inboxes and its leaf
 * takes it (direct-hand-overs.ts), else to its outbox for the dispatcher. Same headers and
 * Nats-Msg-Id either way, so whichever way it goes, the inbox keeps it once.
 */
export async function publishCopy(js: JetStreamClient, copy: Copy, inboxes?: StateInboxes): Promise<'inbox' | 'outbox'> {
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  h.set(HEADERS.recipient, copy.to);
  h.set(HEADERS.expiresAt, String(copy.expiresAtUnixMs));
  const msgID = `${copy.messageId}.${copy.to}`;
  h.set(HEADERS.msgId, msgID);
  if (inboxes && (await inboxes.handOver(copy.to, subjects.deliver(copy.to, copy.traffic, copy.payloadName), copy.bytes, h))) return 'inbox';
  await js.publish(subjects.outbox(copy.to, copy.traffic, copy.payloadName), copy.bytes, { msgID, headers: h });
  return 'outbox';
}

/** A receipt to the sender's outbox, or, given its inboxes (direct-hand-overs.ts), straight into its inbox. */
export async function publishReceipt(js: JetStreamClient, hub: HubIdentity, input: ReceiptInput, inboxes?: StateInboxes): Promise<void> {
  await publishHubMessage(js, hubReceipt(input, hub.key), inboxes);
}
