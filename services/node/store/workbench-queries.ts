// What the officer's workbench asks the store: an inbox page, one message in full (recording that
// an officer opened it), a case as a thread. Each is one indexed SQL query and a conversion of the
// rows it returns; nothing loads the whole store. Deadlines are computed at the node's clock from
// the answers and retractions kept on each row (deadline-view.ts).
import type { MessageSummary } from '../message-summary.ts';
import type { ReceivedRecord, SentRecord } from '../node-records.ts';
import { messageStatus } from '../receipt-status.ts';
import { deadlineView } from '../workbench/deadline-view.ts';
import type {
  AnswerView, CaseThread, Correction, Direction, EnvelopeView, InboxItem, InboxPage, InboxQuery, MessageDetail, RecipientView, Withdrawal,
} from '../workbench/workbench-views.ts';
import { inboxSql } from './inbox-sql.ts';
import { deliveredToOf } from './message-table.ts';
import { hitToldOf, type HitToldOf } from './hit-lookups.ts';
import type { SqliteDatabase } from './sqlite-store.ts';

/** A row of `messages` as the queries select it. */
export interface MessageRow {
  readonly id: number;
  readonly message_id: string;
  readonly direction: Direction;
  readonly at_ms: number;
  readonly record: string;
  readonly answers: string;
  readonly withdrawn: string | null;
  readonly corrected_by: string | null;
  readonly corrects: string | null;
  readonly envelope: string | null;
  readonly payload: string | null;
  readonly unread?: number;
}

export interface Viewer {
  /** The signed-in officer; absent for a national system (nothing is unread, nothing recorded as opened). */
  readonly officer?: string | undefined;
  readonly nowMs: number;
}

function parsed<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}

function recipientViews(record: SentRecord, answers: readonly AnswerView[]): RecipientView[] {
  const status = messageStatus(record);
  const states = [...new Set([...record.summary.recipients, ...status.recipients.map((recipient) => recipient.state)])].sort();
  return states.map((state) => {
    const receipts = status.recipients.find((recipient) => recipient.state === state);
    const answer = answers.filter((candidate) => candidate.from === state).at(-1);
    const stage = receipts?.stage === 'rejected' ? 'rejected' : answer ? 'answered' : receipts?.stage ?? 'pending';
    const { stages: _stages, stage: _stage, ...rest } = receipts ?? { state, stages: [], stage: 'pending' };
    return { ...rest, state, stage, ...(answer ? { answer } : {}) };
  });
}

/** One inbox row, its deadline judged at `nowMs`. */
export function inboxItemOf(row: MessageRow, nowMs: number, ownState: string): InboxItem {
  const record = JSON.parse(row.record) as SentRecord | ReceivedRecord;
  const summary: MessageSummary = record.summary;
  const answers = JSON.parse(row.answers) as AnswerView[];
  const withdrawn = parsed<Withdrawal>(row.withdrawn);
  const correctedBy = parsed<Correction>(row.corrected_by);
  const deadline = deadlineView({
    request: summary, answers, withdrawn: withdrawn !== undefined || correctedBy !== undefined, nowMs, deliveredTo: deliveredToOf(record, row.direction, ownState),
  });
  return {
    messageId: row.message_id,
    direction: row.direction,
    atUnixMs: row.at_ms,
    summary,
    unread: row.unread === 1,
    ...(withdrawn ? { withdrawn } : {}),
    ...(correctedBy ? { correctedBy } : {}),
    ...(row.corrects ? { corrects: row.corrects } : {}),
    ...(deadline ? { deadline } : {}),
    ...(row.direction === 'received' ? { acknowledged: (record as ReceivedRecord).acknowledged } : { recipients: recipientViews(record as SentRecord, answers) }),
  };
}

/** For a record kept without its envelope: what its summary says of it. */
function envelopeFromSummary(summary: MessageSummary): EnvelopeView {
  return {
    messageId: summary.messageId, senderState: summary.sender, senderUnit: summary.senderUnit, recipients: summary.recipients, handling: summary.handling,
    priority: summary.priority, createdAtUnixMs: summary.createdAtUnixMs, expiresAtUnixMs: summary.expiresAtUnixMs, caseReference: summary.caseReference,
    inReplyTo: summary.inReplyTo, traffic: summary.traffic, drillId: summary.drillId, keyId: '',
  };
}

/** A message row with its body, as every query here returns it. */
const ROW_SELECT = 'SELECT m.*, b.record, b.envelope, b.payload FROM messages m JOIN message_bodies b ON b.message = m.id';

/** Rows by id, in the order of the ids (a page's order), each with its unread flag. */
export function rowsInOrder(db: SqliteDatabase, page: readonly { id: number; unread: number }[]): MessageRow[] {
  if (page.length === 0) return [];
  const rows = db.prepare<[string], MessageRow>(`${ROW_SELECT} WHERE m.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(page.map((entry) => entry.id)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.flatMap((entry) => {
    const row = byId.get(entry.id);
    return row ? [{ ...row, unread: entry.unread }] : [];
  });
}

export class WorkbenchQueries {
  private readonly detailRow;
  private readonly openedBy;
  private readonly recordOpened;
  private readonly caseRows;
  private readonly wasOpened;

  constructor(private readonly db: SqliteDatabase, private readonly ownState: string) {
    // Received first: a message this node both sent and received is shown as received.
    this.detailRow = db.prepare<[string], MessageRow>(`${ROW_SELECT} WHERE m.message_id = ? ORDER BY m.direction = 'received' DESC LIMIT 1`);
    this.openedBy = db.prepare<[string], { officer: string; at_ms: number }>('SELECT officer, at_ms FROM opened WHERE message_id = ? ORDER BY at_ms, officer');
    this.recordOpened = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO opened (officer, message_id, at_ms) VALUES (?, ?, ?)');
    this.wasOpened = db.prepare<[string, string], { at_ms: number }>('SELECT at_ms FROM opened WHERE officer = ? AND message_id = ?');
    this.caseRows = db.prepare<[string], MessageRow>(
      `${ROW_SELECT} WHERE m.case_reference = ? AND m.payload_name <> 'acknowledgement' ORDER BY m.at_ms, m.id LIMIT 2000`);
  }

  inbox(query: InboxQuery, viewer: Viewer): InboxPage {
    const { page, count } = inboxSql(query, viewer);
    const rows = rowsInOrder(this.db, this.db.prepare<(string | number)[], { id: number; unread: number }>(page.sql).all(...page.params));
    const total = (this.db.prepare<(string | number)[], { total: number }>(count.sql).get(...count.params))?.total ?? 0;
    return { items: rows.map((row) => inboxItemOf(row, viewer.nowMs, this.ownState)), total, page: query.page, pageSize: query.pageSize };
  }

  /** One message in full; an officer's first look is recorded as opened. */
  detail(messageId: string, viewer: Viewer): MessageDetail | undefined {
    const row = this.detailRow.get(messageId);
    if (!row) return undefined;
    if (viewer.officer !== undefined && row.direction === 'received') this.recordOpened.run(viewer.officer, messageId, viewer.nowMs);
    const item = inboxItemOf(row, viewer.nowMs, this.ownState);
    return {
      ...item,
      unread: false,
      envelope: parsed<EnvelopeView>(row.envelope) ?? envelopeFromSummary(item.summary),
      payloadName: item.summary.payloadName,
      payload: parsed<Record<string, unknown>>(row.payload) ?? {},
      answers: JSON.parse(row.answers) as AnswerView[],
      openedBy: this.openedBy.all(messageId).map((opened) => ({ officer: opened.officer, atUnixMs: opened.at_ms })),
      ...this.followsUp(item.summary.followsUpHitId),
    };
  }

  /** The hit a follow-up names, as this state was told of it (the hub gives both parties the same hit id). */
  private followsUp(hitId: string | undefined): { followsUpHit?: HitToldOf } {
    const hit = hitId ? hitToldOf(this.db, hitId) : undefined;
    return hit ? { followsUpHit: hit } : {};
  }

  caseThread(caseReference: string, viewer: Viewer): CaseThread | undefined {
    const rows = this.caseRows.all(caseReference);
    if (rows.length === 0) return undefined;
    const messages = rows.map((row) => {
      const unread = viewer.officer !== undefined && row.direction === 'received' && this.wasOpened.get(viewer.officer, row.message_id) === undefined;
      return inboxItemOf({ ...row, unread: unread ? 1 : 0 }, viewer.nowMs, this.ownState);
    });
    const substantive = messages.filter((message) => message.summary.payloadName !== 'retraction');
    return { caseReference, messages, withdrawn: substantive.length > 0 && substantive.every((message) => message.withdrawn !== undefined) };
  }
}
