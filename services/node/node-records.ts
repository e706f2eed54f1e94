// What a node keeps about the messages it sent and received, as stored in its KV buckets. Only
// summaries (routing metadata, counts, headlines): never a clear identifier, never a keyed hash.
import type { MessageSummary } from './message-summary.ts';

export type ReceiptStage = 'delivered' | 'read' | 'actioned';

/** Who acknowledged, as the recipient's acknowledgement says: its sender_unit and note. */
export interface AcknowledgedBy {
  /** The acting unit, e.g. "KHM-NCB-PHNOM-PENH". */
  readonly unit: string;
  /** The note, e.g. "officer sokha"; absent when the acknowledgement carried none. */
  readonly note?: string;
}

export interface RecipientReceipts {
  readonly state: string;
  readonly deliveredAtUnixMs?: number;
  readonly readAtUnixMs?: number;
  /** Who read it: the first READ's unit and note (text from the recipient state). */
  readonly readBy?: AcknowledgedBy;
  readonly actionedAtUnixMs?: number;
  /** Who actioned it: the first ACTIONED's unit and note (text from the recipient state). */
  readonly actionedBy?: AcknowledgedBy;
  readonly rejected?: { readonly atUnixMs: number; readonly reasonCode: string; readonly reason: string };
}

export interface AssistanceAnswer {
  readonly messageId: string;
  readonly from: string;
  /** accepted | in-progress | completed | declined | needs-information | delayed */
  readonly outcome: string;
  readonly atUnixMs: number;
  /** The answering unit (the answer's sender_unit). The fields below are absent on records kept before they were. */
  readonly unit?: string;
  /** The answer's summary; for "delayed" the reason. */
  readonly summary?: string;
  readonly personsAssisted?: number;
  /** 0 when unknown; for "delayed", the new time the answer is due. */
  readonly expectedCompletionUnixMs?: number;
}

export interface SentRecord {
  readonly messageId: string;
  readonly summary: MessageSummary;
  readonly sentAtUnixMs: number;
  readonly recipients: Readonly<Record<string, RecipientReceipts>>;
  /** The hub refused it (REJECTED from HUB). */
  readonly hubRejection?: { readonly atUnixMs: number; readonly reasonCode: string; readonly reason: string };
  readonly answers: readonly AssistanceAnswer[];
  /** Set on the reminder a node sends when a request it escalated went unanswered. */
  readonly reminderFor?: string;
  /**
   * Assistance and rescue requests only: the encoded payload as signed (identifiers already keyed
   * hashes), so a reminder can repeat the request's facts word for word.
   */
  readonly requestPayload?: string;
}

export interface ReceivedRecord {
  readonly messageId: string;
  readonly summary: MessageSummary;
  readonly receivedAtUnixMs: number;
  /** TIP_INBOX sequence of the first copy; a later copy of the same id is a duplicate. */
  readonly streamSequence: number;
  readonly acknowledged: { readonly readAtUnixMs?: number; readonly actionedAtUnixMs?: number };
}

export interface IdempotencyRecord {
  readonly messageId: string;
  /** The signed envelope, base64: resent as is if the first publish did not complete. */
  readonly envelope: string;
  readonly published: boolean;
  readonly createdAtUnixMs: number;
  /**
   * A client's key only: SHA-256 (hex) of the canonical request the key was first used for; a
   * repeat with another request is refused. Absent on the node's own keys and on records written
   * before it was kept (those match any request).
   */
  readonly requestDigest?: string;
}

export interface EscalationRecord {
  readonly requestMessageId: string;
  /** The state asked; for a rescue request, the late states, comma-separated. */
  readonly requestedState: string;
  readonly deadlineUnixMs: number;
  readonly escalatedAtUnixMs: number;
  /** Set once every reminder went out (for a rescue request, the first of them). */
  readonly reminderMessageId?: string;
  /** Rescue requests: the states that were late when it was escalated, each reminded on its own. */
  readonly lateStates?: readonly string[];
  /** Rescue requests: the reminder sent to each late state so far. */
  readonly reminders?: Readonly<Record<string, string>>;
}

/** A delivery that failed verification: kept so an operator can see what was refused and why. */
export interface RefusedDelivery {
  readonly streamSequence: number;
  readonly messageId: string;
  readonly sender: string;
  readonly reasonCode: string;
  readonly reason: string;
  readonly refusedAtUnixMs: number;
  /** The REJECTED acknowledgement sent back, if the sender could be told. */
  readonly answeredWith?: string;
}
