// How the hub's own messages (receipts, hit notices) reach a state: signed with the hub's key,
// written to the state's outbox like any delivery, with derived ids so a redo is de-duplicated.
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { type ComposedEnvelope, CONTRACT_VERSION, HEADERS, type SigningKey, subjects, trafficClassOf } from '../core/mod.ts';
import type { SenderInboxes } from './direct-receipts.ts';
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
export async function publishHubMessage(js: JetStreamClient, composed: ComposedEnvelope, inboxes?: SenderInboxes): Promise<void> {
  const { envelope, bytes } = composed;
  const to = envelope.distribution?.states[0] ?? '';
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  h.set(HEADERS.recipient, to);
  h.set(HEADERS.expiresAt, String(envelope.expiresAtUnixMs));
  const msgID = `${envelope.messageId}.${to}`;
  // Straight into the recipient's inbox when asked and its leaf takes it; the outbox otherwise.
  if (inboxes && (await inboxes.handOver(composed, h, msgID))) return;
  await js.publish(subjects.outbox(to, trafficClassOf(envelope), composed.payload.name), bytes, { msgID, headers: h });
}

/** A receipt to the sender's outbox, or, given its inboxes (direct-receipts.ts), straight into its inbox. */
export async function publishReceipt(js: JetStreamClient, hub: HubIdentity, input: ReceiptInput, inboxes?: SenderInboxes): Promise<void> {
  await publishHubMessage(js, hubReceipt(input, hub.key), inboxes);
}
