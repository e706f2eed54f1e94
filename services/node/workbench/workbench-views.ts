// What the officer's workbench reads from a node's API: one inbox row, one message in full, one
// case as a thread, and the query an inbox page is asked with. The HTTP layer answers with these
// shapes; the dashboard and the CLI read them. Times are Unix ms (the dashboard shows them in the
// officer's zone); words are the submission vocabulary ("rescue-request", "amber", "immediate").
import type { MessageSummary } from '../message-summary.ts';
import type { FeedFilter } from '../feed-filter.ts';
import type { HitToldOf } from '../store/hit-lookups.ts';

export type Direction = 'received' | 'sent';

export const INBOX_SORTS = ['time', 'priority', 'deadline'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** An inbox page: the feed filter's fields plus what only a stored inbox can answer. */
export interface InboxQuery extends FeedFilter {
  /** received (default), sent, or all. */
  readonly box: Direction | 'all';
  /** Victim nationalities (state codes) any victim group of the message has. */
  readonly nationalities: readonly string[];
  /** Only messages this officer has not opened yet. */
  readonly unread?: boolean | undefined;
  /** Only messages whose reply deadline has passed unanswered. */
  readonly overdue?: boolean | undefined;
  /** Free text over headlines, summaries and place names (FTS5 query words, ANDed). */
  readonly text?: string | undefined;
  readonly sort: InboxSort;
  readonly order: 'asc' | 'desc';
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

/** A retraction of kind withdraw: the message must be disregarded. */
export interface Withdrawal {
  readonly retractionMessageId: string;
  readonly reason: string;
  readonly atUnixMs: number;
}

/** A retraction of kind correct: this message is replaced by another. */
export interface Correction {
  readonly retractionMessageId: string;
  readonly replacementMessageId: string;
  readonly reason: string;
  readonly atUnixMs: number;
}

export type DeadlineState = 'open' | 'answered' | 'delayed' | 'withdrawn';

/** A reply deadline as the requester and the requested state both see it. */
export interface DeadlineView {
  /** The deadline in force: the request's, or the expected completion a DELAYED answer gave. */
  readonly atUnixMs: number;
  readonly state: DeadlineState;
  /** Passed while still open or delayed. */
  readonly overdue: boolean;
  /** Who must answer (the requested state, or the destination states of a rescue request). */
  readonly owedBy: readonly string[];
  /** Of owedBy, who is late now. */
  readonly late: readonly string[];
  readonly delayReason?: string | undefined;
}

/** An answer to an assistance request or rescue request, as it arrived or as we sent it. */
export interface AnswerView {
  readonly messageId: string;
  readonly from: string;
  readonly unit: string;
  /** accepted | in-progress | completed | declined | needs-information | delayed */
  readonly outcome: string;
  readonly summary: string;
  readonly personsAssisted: number;
  readonly expectedCompletionUnixMs: number;
  readonly atUnixMs: number;
}

/** Receipts per recipient state of a message we sent. */
export interface RecipientView {
  readonly state: string;
  /** delivered | read | actioned | answered | rejected | pending */
  readonly stage: string;
  readonly deliveredAtUnixMs?: number | undefined;
  readonly readAtUnixMs?: number | undefined;
  readonly readBy?: { readonly unit: string; readonly note?: string | undefined } | undefined;
  readonly actionedAtUnixMs?: number | undefined;
  readonly actionedBy?: { readonly unit: string; readonly note?: string | undefined } | undefined;
  readonly rejected?: { readonly atUnixMs: number; readonly reasonCode: string; readonly reason: string } | undefined;
  /** The latest answer from this state, if it answered. */
  readonly answer?: AnswerView | undefined;
}

/** One row of the inbox. */
export interface InboxItem {
  readonly messageId: string;
  readonly direction: Direction;
  /** When it was received, or sent. */
  readonly atUnixMs: number;
  readonly summary: MessageSummary;
  /** This officer has not opened it. */
  readonly unread: boolean;
  readonly withdrawn?: Withdrawal | undefined;
  readonly correctedBy?: Correction | undefined;
  /** For a replacement: the message it corrects. */
  readonly corrects?: string | undefined;
  readonly deadline?: DeadlineView | undefined;
  /** Received: what this state told the sender (READ/ACTIONED times). */
  readonly acknowledged?: { readonly readAtUnixMs?: number | undefined; readonly actionedAtUnixMs?: number | undefined } | undefined;
  /** Sent: per recipient. */
  readonly recipients?: readonly RecipientView[] | undefined;
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** The signed envelope's fields a person needs (no signature bytes, no payload bytes). */
export interface EnvelopeView {
  readonly messageId: string;
  readonly senderState: string;
  readonly senderUnit: string;
  readonly recipients: readonly string[];
  readonly handling: string;
  readonly priority: string;
  readonly createdAtUnixMs: number;
  readonly expiresAtUnixMs: number;
  readonly caseReference: string;
  readonly inReplyTo: string;
  readonly traffic: 'real' | 'exercise';
  readonly drillId: string;
  readonly keyId: string;
}

/** One message in full: the row plus the envelope and the whole decoded payload. */
export interface MessageDetail extends InboxItem {
  readonly envelope: EnvelopeView;
  readonly payloadName: MessageSummary['payloadName'];
  /**
   * The decoded payload in the submission vocabulary (camelCase fields, enum words, times as
   * ISO strings where the submission JSON takes them). Identifiers appear only as
   * `{ kind, keyed: true }` with their key id: never a clear value, and the keyed hash itself
   * is left out of what the dashboard shows.
   */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Answers to this message (requests), oldest first. */
  readonly answers: readonly AnswerView[];
  /** Officers of this node who opened it, first time each. */
  readonly openedBy: readonly { readonly officer: string; readonly atUnixMs: number }[];
  /** For an assistance request following up a hit this state was also told of: that hit as this state knows it. */
  readonly followsUpHit?: HitToldOf | undefined;
}

/** Every message of one case reference, oldest first, acknowledgements folded into their messages. */
export interface CaseThread {
  readonly caseReference: string;
  readonly messages: readonly InboxItem[];
  /** Every message of the case that is not a retraction is withdrawn. */
  readonly withdrawn: boolean;
}
