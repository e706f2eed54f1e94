// DELIVERED receipts handed straight into the sender's TIP_INBOX on its leaf: one hand-over,
// instead of a replicated write to the sender's outbox in TIP_DELIVERIES followed by its
// dispatcher's delivery, hand-over and acknowledgement (issue 15: a fourth of the hub's writes per
// alert). The sender has just submitted, so its leaf is nearly always there. When it does not
// store the receipt (no responders, a timeout, a refusal), the caller writes it to the outbox as
// before, and that state's receipts go to the outbox for PAUSE_MS, so an away leaf costs routing
// one failed try, not one per receipt. Both ways carry the same Nats-Msg-Id, and TIP_INBOX
// de-duplicates for a day: a hand-over stored though its answer was lost is kept once.
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { type ComposedEnvelope, HEADERS, subjects, trafficClassOf } from '../core/mod.ts';
import { handOverToInbox } from './inbox-hand-over.ts';

/** How long a hand-over may take before the receipt goes to the outbox instead. */
const TIMEOUT_MS = 1_000;
/** After a state's leaf failed to store a receipt, its receipts go to the outbox this long. */
const PAUSE_MS = 10_000;

export interface SenderInboxes {
  /** True once the recipient's TIP_INBOX stored the hub's message; false: write it to the outbox. */
  handOver(composed: ComposedEnvelope, outboxHeaders: ReturnType<typeof headers>, msgId: string): Promise<boolean>;
}

export function senderInboxes(nc: NatsConnection, now: () => number = Date.now): SenderInboxes {
  const pausedUntil = new Map<string, number>();
  return {
    async handOver(composed, outboxHeaders, msgId) {
      const to = composed.envelope.distribution?.states[0] ?? '';
      if ((pausedUntil.get(to) ?? 0) > now()) return false;
      const h = headers();
      for (const [key, values] of outboxHeaders) for (const value of values) h.append(key, value);
      h.set(HEADERS.msgId, msgId);
      const subject = subjects.deliver(to, trafficClassOf(composed.envelope), composed.payload.name);
      const result = await handOverToInbox(nc, subject, composed.bytes, h, TIMEOUT_MS);
      if (result.kind === 'stored') return true;
      pausedUntil.set(to, now() + PAUSE_MS);
      return false;
    },
  };
}
