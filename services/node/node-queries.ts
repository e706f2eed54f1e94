// What the node answers about its own records, each an indexed query on its store: status of what
// it sent, what it received, the workbench's inbox, details and cases, and the requests due either
// way (only rows that carry a reply deadline are read, never the whole store), and a case's links.
import { buildMispExport, buildStixBundle, type MispExport, type StixBundle } from '../export/mod.ts';
import { dueList, ourAnswersOf, sentRequestsOf, type DueInput, type DueItem, type DueList } from './deadlines.ts';
import { EMPTY_FEED_FILTER, type FeedFilter } from './feed-filter.ts';
import type { CaseLinks } from './links/case-links.ts';
import type { MessageSummary } from './message-summary.ts';
import type { ReceivedRecord, SentRecord } from './node-records.ts';
import type { NodeStore } from './node-store.ts';
import { messageStatus, type MessageStatus } from './receipt-status.ts';
import { inboxSql } from './store/inbox-sql.ts';
import { LinkQueries } from './store/link-queries.ts';
import { rowsInOrder, WorkbenchQueries, type Viewer } from './store/workbench-queries.ts';
import { deadlineView } from './workbench/deadline-view.ts';
import type { AnswerView, CaseThread, DeadlineView, InboxPage, InboxQuery, MessageDetail } from './workbench/workbench-views.ts';

export interface ReceivedMessage {
  readonly messageId: string;
  readonly summary: MessageSummary;
  readonly receivedAtUnixMs: number;
  readonly acknowledged: ReceivedRecord['acknowledged'];
}

/** A due item with its deadline as both sides see it (answers, delays, who is late). */
export type WorkbenchDueItem = DueItem & { readonly deadline?: DeadlineView | undefined };

export interface WorkbenchDueList {
  readonly toAnswer: readonly WorkbenchDueItem[];
  readonly awaitingAnswer: readonly WorkbenchDueItem[];
}

export interface NodeQueries {
  status(messageId: string): MessageStatus | undefined;
  sent(): MessageStatus[];
  received(filter?: FeedFilter): ReceivedMessage[];
  receivedMessage(messageId: string): ReceivedMessage | undefined;
  due(): WorkbenchDueList;
  /** The requests deadlines are judged from, at the node's clock: every request still in force. */
  dueInput(): DueInput;
  /** Only our requests whose deadline in force has passed (an indexed query): what escalation looks at each tick. */
  escalationInput(): DueInput;
  inbox(query: InboxQuery, officer?: string): InboxPage;
  detail(messageId: string, officer?: string): MessageDetail | undefined;
  caseThread(caseReference: string, officer?: string): CaseThread | undefined;
  /** The case's links: hits on our messages of it, their follow-ups, our other cases sharing identifiers; undefined when we sent nothing in it. */
  caseLinks(caseReference: string): CaseLinks | undefined;
  /** What the node holds as a STIX 2.1 bundle (services/export). */
  exportStix(query: ExportQuery): StixBundle;
  /** What the node holds as MISP events (services/export). */
  exportMisp(query: ExportQuery): MispExport;
}

/** The options of an export other than the own state, which is the node's. */
export interface ExportQuery {
  readonly sinceUnixMs?: number | undefined;
  readonly caseReference?: string | undefined;
  readonly includeExercise?: boolean | undefined;
  readonly includeRed?: boolean | undefined;
}

interface RequestRow {
  readonly message_id: string;
  readonly record: string;
  readonly answers: string;
}

/** Every received or sent message as a feed filter selects it, oldest first. */
function allOf(filter: FeedFilter): InboxQuery {
  return { ...filter, box: 'received', nationalities: [], sort: 'time', order: 'asc', page: 1, pageSize: Number.MAX_SAFE_INTEGER };
}

export function nodeQueries(state: string, store: NodeStore, now: () => number): NodeQueries {
  const { db } = store;
  const workbench = new WorkbenchQueries(db, state);
  const links = new LinkQueries(db, state);
  const inForce = 'm.withdrawn IS NULL AND m.corrected_by IS NULL';
  const requestSelect = 'SELECT m.message_id, b.record, m.answers FROM messages m JOIN message_bodies b ON b.message = m.id';
  const receivedRequests = db.prepare<[], RequestRow>(`${requestSelect} WHERE m.direction = 'received' AND m.reply_deadline_ms > 0 AND ${inForce}`);
  const sentRequests = db.prepare<[], RequestRow>(`${requestSelect} WHERE m.direction = 'sent' AND m.reply_deadline_ms > 0 AND ${inForce}`);
  const overdueSent = db.prepare<[number], RequestRow>(
    `${requestSelect} WHERE m.deadline_open = 1 AND m.deadline_at <= ? AND m.direction = 'sent' AND ${inForce}`);
  const answeredByUs = db.prepare<[], { related_message_id: string }>(`SELECT related_message_id FROM messages
    WHERE direction = 'sent' AND payload_name = 'assistance-response'
    AND related_message_id IN (SELECT message_id FROM messages WHERE direction = 'received' AND reply_deadline_ms > 0)`);
  const sentNewestFirst = db.prepare<[], { record: string }>(
    "SELECT b.record FROM messages m JOIN message_bodies b ON b.message = m.id WHERE m.direction = 'sent' ORDER BY m.at_ms DESC, m.id DESC");

  // Our answers to requests addressed to us: which outcomes stop our clock.
  const ourResponses = db.prepare<[], { record: string }>(`SELECT b.record FROM messages m JOIN message_bodies b ON b.message = m.id
    WHERE m.direction = 'sent' AND m.payload_name = 'assistance-response'
    AND m.related_message_id IN (SELECT message_id FROM messages WHERE direction = 'received' AND reply_deadline_ms > 0)`);
  const sentRecordOf = (row: { record: string }) => JSON.parse(row.record) as SentRecord;
  const escalations = () => new Map(store.escalations.values().map((record) => [record.requestMessageId, record.escalatedAtUnixMs]));
  const viewer = (officer: string | undefined): Viewer => ({ officer, nowMs: now() });

  function dueInput(): DueInput {
    return {
      state,
      nowMs: now(),
      received: receivedRequests.all().map((row) => (JSON.parse(row.record) as ReceivedRecord).summary),
      sent: sentRequestsOf(sentRequests.all().map(sentRecordOf)),
      answeredByUs: new Set(answeredByUs.all().map((row) => row.related_message_id)),
      ourAnswers: ourAnswersOf(ourResponses.all().map(sentRecordOf)),
      escalations: escalations(),
    };
  }

  function due(): WorkbenchDueList {
    const nowMs = now();
    const answersOf = new Map<string, AnswerView[]>(
      [...receivedRequests.all(), ...sentRequests.all()].map((row) => [row.message_id, JSON.parse(row.answers) as AnswerView[]]));
    const withDeadline = (item: DueItem): WorkbenchDueItem => {
      const deadline = deadlineView({ request: item.summary, answers: answersOf.get(item.messageId) ?? [], withdrawn: false, nowMs });
      return deadline ? { ...item, deadline } : item;
    };
    const list: DueList = dueList(dueInput());
    return { toAnswer: list.toAnswer.map(withDeadline), awaitingAnswer: list.awaitingAnswer.map(withDeadline) };
  }

  return {
    status(messageId) {
      const record = store.sent.get(messageId);
      return record ? messageStatus(record) : undefined;
    },
    sent: () => sentNewestFirst.all().map((row) => messageStatus(JSON.parse(row.record) as SentRecord)),
    received(filter = EMPTY_FEED_FILTER) {
      const { page } = inboxSql(allOf(filter), { nowMs: now() });
      return rowsInOrder(db, db.prepare<(string | number)[], { id: number; unread: number }>(page.sql).all(...page.params))
        .map((row) => toReceived(JSON.parse(row.record) as ReceivedRecord));
    },
    receivedMessage(messageId) {
      const record = store.received.get(messageId);
      return record ? toReceived(record) : undefined;
    },
    due,
    dueInput,
    escalationInput: () => ({
      state, nowMs: now(), received: [], sent: sentRequestsOf(overdueSent.all(now()).map(sentRecordOf)), answeredByUs: new Set(), escalations: escalations(),
    }),
    inbox: (query, officer) => workbench.inbox(query, viewer(officer)),
    detail: (messageId, officer) => workbench.detail(messageId, viewer(officer)),
    caseThread: (caseReference, officer) => workbench.caseThread(caseReference, viewer(officer)),
    caseLinks: (caseReference) => links.caseLinks(caseReference),
    exportStix: (query) => buildStixBundle(store.exportable(query), { ...query, ownState: state }),
    exportMisp: (query) => buildMispExport(store.exportable(query), { ...query, ownState: state }),
  };
}

function toReceived(record: ReceivedRecord): ReceivedMessage {
  return { messageId: record.messageId, summary: record.summary, receivedAtUnixMs: record.receivedAtUnixMs, acknowledged: record.acknowledged };
}
