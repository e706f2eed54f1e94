// The router hands a message straight into its recipient's TIP_INBOX on the recipient's leaf,
// instead of a replicated write to the state's outbox in TIP_DELIVERIES followed by its
// dispatcher's delivery, hand-over and acknowledgement (issue 15: per alert, one replicated write,
// one consumer delivery and ack and one work-queue removal fewer, for the copy and for its
// DELIVERED receipt alike). When the leaf does not store it (no responders, a timeout, a refusal),
// the caller writes it to the outbox as before, and that state's messages go to the outbox for
// PAUSE_MS, so an away leaf costs routing one failed try, not one per message. Both ways carry the
// same subject, headers and Nats-Msg-Id, and TIP_INBOX de-duplicates for a day: a hand-over stored
// though its answer was lost, then written to the outbox, is kept once.
import type { MsgHdrs } from '@nats-io/transport-node';
import { handOverToInbox } from './inbox-hand-over.ts';
import type { Requests } from './lean-requests.ts';

/** How long a hand-over may take before the message goes to the outbox instead. */
const TIMEOUT_MS = 1_000;
/** After a state's leaf failed to store a message, its messages go to the outbox this long. */
const PAUSE_MS = 10_000;

export interface StateInboxes {
  /**
   * True once `to`'s TIP_INBOX stored the message (`h` carries its Nats-Msg-Id); false: the caller
   * writes it to the outbox. Always false for a state this router does not hand over to.
   */
  handOver(to: string, deliverSubject: string, bytes: Uint8Array, h: MsgHdrs): Promise<boolean>;
}

export interface StateInboxOptions {
  /** The states handed over to directly (the ones this instance's dispatcher feeds); all when absent. */
  readonly states?: readonly string[];
  readonly now?: () => number;
}

export function stateInboxes(requests: Requests, options: StateInboxOptions = {}): StateInboxes {
  const now = options.now ?? Date.now;
  const reached = options.states ? new Set(options.states) : undefined;
  const pausedUntil = new Map<string, number>();
  return {
    async handOver(to, deliverSubject, bytes, h) {
      if (reached && !reached.has(to)) return false;
      if ((pausedUntil.get(to) ?? 0) > now()) return false;
      const result = await handOverToInbox(requests, deliverSubject, bytes, h, TIMEOUT_MS);
      if (result.kind === 'stored') return true;
      pausedUntil.set(to, now() + PAUSE_MS);
      return false;
    },
  };
}
