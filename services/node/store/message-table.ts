// Messages received or sent, one row each: the node's record (summary, receipts, acknowledgements)
// as JSON, the columns the inbox filters and sorts on, and, when the envelope is given, the whole
// decoded payload (as a view without keyed hashes, and as the signed bytes). A message's marks
// (answers, withdrawn, corrected, its deadline in force) are recomputed from the rows that refer
// to it whenever one of them arrives, in the same transaction, in whatever order they come.
import { decodePayload, type DecodedPayload, ENUM_WORDS, type Envelope } from '../../core/mod.ts';
import { deadlineView } from '../workbench/deadline-view.ts';
import type { AnswerView, Correction, Direction, Withdrawal } from '../workbench/workbench-views.ts';
import type { MessageSummary } from '../message-summary.ts';
import { envelopeView, payloadView } from './payload-view.ts';
import type { SqliteDatabase } from './sqlite-store.ts';
import { PRIORITY_RANK } from './store-schema.ts';

/** What the store needs of a record: its summary and when it was received or sent. */
export interface StoredRecord {
  readonly messageId: string;
  readonly summary: MessageSummary;
  readonly receivedAtUnixMs?: number;
  readonly sentAtUnixMs?: number;
  readonly streamSequence?: number;
}

/**
 * The states a request is known to have reached, for its deadline: the states whose receipts came
 * back (not refused) on what we sent, this state on what we received. A route-role rescue request
 * names nobody in its envelope, so without this nobody would owe an answer.
 */
export function deliveredToOf(record: StoredRecord, direction: Direction, ownState: string): string[] {
  if (direction === 'received') return [ownState];
  const recipients = (record as { recipients?: Record<string, { state: string; rejected?: unknown }> }).recipients ?? {};
  return Object.values(recipients).filter((receipts) => !receipts.rejected).map((receipts) => receipts.state);
}

/** A retraction as the row of the message it retracts needs it. */
export interface RetractionFacts {
  readonly retractionMessageId: string;
  readonly sender: string;
  readonly retractedMessageId: string;
  readonly kind: string;
  readonly reason: string;
  readonly replacementMessageId: string;
  readonly atUnixMs: number;
}

/** What a row carries besides the record: the full message, from the signed envelope. */
interface MessageContent {
  readonly envelope: string;
  readonly payload: string;
  readonly payloadBytes: Buffer;
  readonly answer: AnswerView | undefined;
  readonly retraction: RetractionFacts | undefined;
  readonly nationalities: readonly string[];
  readonly summaryText: string;
  readonly places: string;
}

function contentOf(envelope: Envelope, summary: MessageSummary): MessageContent {
  const decoded = decodePayload(envelope);
  const view = payloadView(decoded);
  return {
    envelope: JSON.stringify(envelopeView(envelope)),
    payload: JSON.stringify(view),
    payloadBytes: Buffer.from(envelope.payload),
    answer: answerOf(decoded, summary),
    retraction: retractionOf(decoded, summary),
    nationalities: decoded.name === 'case-alert' ? [...new Set(decoded.message.victims.map((group) => group.nationality).filter(Boolean))] : [],
    summaryText: 'summary' in decoded.message && typeof decoded.message.summary === 'string' ? decoded.message.summary : '',
    places: placeNames(view).join(' '),
  };
}

function answerOf(decoded: DecodedPayload, summary: MessageSummary): AnswerView | undefined {
  if (decoded.name !== 'assistance-response') return undefined;
  const response = decoded.message;
  return {
    messageId: summary.messageId, from: summary.sender, unit: summary.senderUnit,
    outcome: ENUM_WORDS.assistanceOutcome.wordOf(response.outcome), summary: response.summary,
    personsAssisted: response.personsAssisted, expectedCompletionUnixMs: Number(response.expectedCompletionUnixMs), atUnixMs: summary.createdAtUnixMs,
  };
}

function retractionOf(decoded: DecodedPayload, summary: MessageSummary): RetractionFacts | undefined {
  if (decoded.name !== 'retraction') return undefined;
  const retraction = decoded.message;
  return {
    retractionMessageId: summary.messageId, sender: summary.sender, retractedMessageId: retraction.retractedMessageId,
    kind: ENUM_WORDS.retractionKind.wordOf(retraction.kind), reason: retraction.reason,
    replacementMessageId: retraction.replacementMessageId, atUnixMs: summary.createdAtUnixMs,
  };
}

/** Every place name and route place in a payload view, for free-text search. */
function placeNames(view: unknown, into: string[] = []): string[] {
  if (Array.isArray(view)) for (const item of view) placeNames(item, into);
  else if (typeof view === 'object' && view !== null) {
    for (const [key, value] of Object.entries(view)) {
      if ((key === 'placeName' || key === 'place') && typeof value === 'string' && value) into.push(value);
      else placeNames(value, into);
    }
  }
  return into;
}

interface RelationRow {
  readonly id: number;
  readonly direction: Direction;
  readonly record: string;
}

/** The rows of one direction, with the Bucket methods the node's modules use. */
export class MessageTable<T extends StoredRecord> {
  private readonly selectOne;
  private readonly selectAll;
  private readonly updateRecord;
  private readonly insertRow;
  private readonly insertBody;
  private readonly insertState;
  private readonly insertNationality;
  private readonly insertText;
  private readonly insertMessage;

  constructor(private readonly db: SqliteDatabase, readonly direction: Direction, private readonly relations: MessageRelations) {
    this.selectOne = db.prepare<[string, string], { record: string }>(
      'SELECT b.record FROM messages m JOIN message_bodies b ON b.message = m.id WHERE m.message_id = ? AND m.direction = ?');
    this.selectAll = db.prepare<[string], { record: string }>('SELECT b.record FROM messages m JOIN message_bodies b ON b.message = m.id WHERE m.direction = ? ORDER BY m.id');
    this.updateRecord = db.prepare<[string, string, string]>(
      'UPDATE message_bodies SET record = ? WHERE message = (SELECT id FROM messages WHERE message_id = ? AND direction = ?)');
    this.insertRow = db.prepare(`INSERT OR IGNORE INTO messages (message_id, direction, at_ms, payload_name, kind, sender, priority_rank, handling,
      case_reference, traffic, related_message_id, reply_deadline_ms, stream_sequence, answer, retraction)
      VALUES (@messageId, @direction, @atMs, @payloadName, @kind, @sender, @priorityRank, @handling, @caseReference, @traffic, @relatedMessageId,
      @replyDeadlineMs, @streamSequence, @answer, @retraction)`);
    this.insertBody = db.prepare('INSERT INTO message_bodies (message, record, envelope, payload, payload_bytes) VALUES (@id, @record, @envelope, @payload, @payloadBytes)');
    this.insertState = db.prepare<[number, string, string]>('INSERT OR IGNORE INTO message_states (message, state, role) VALUES (?, ?, ?)');
    this.insertNationality = db.prepare<[number, string]>('INSERT OR IGNORE INTO message_nationalities (message, nationality) VALUES (?, ?)');
    this.insertText = db.prepare<[number, string, string, string]>('INSERT INTO message_text (rowid, headline, summary, places) VALUES (?, ?, ?, ?)');
    this.insertMessage = db.transaction((record: T, envelope: Envelope | undefined): boolean => this.insertNow(record, envelope));
  }

  get(key: string): T | undefined {
    const row = this.selectOne.get(key, this.direction);
    return row ? (JSON.parse(row.record) as T) : undefined;
  }

  async fetch(key: string): Promise<T | undefined> {
    return this.get(key);
  }

  /** Replaces the record of a stored message, or stores a new one (with its content when the envelope is given). */
  async put(key: string, value: T, envelope?: Envelope): Promise<void> {
    const updated = this.updateRecord.run(JSON.stringify(value), key, this.direction).changes;
    if (updated === 0) this.insertMessage(value, envelope);
    // Receipts change who owes an answer (a rescue request's deadline): its marks follow.
    else if (value.summary.replyDeadlineUnixMs > 0) this.relations.refresh(key);
  }

  /** Stores a message only if this direction has no row for its id yet; false if another write got there first. */
  async create(key: string, value: T, envelope?: Envelope): Promise<boolean> {
    if (key !== value.messageId) throw new RangeError(`a message is stored under its own id, not ${key}`);
    return this.insert(value, envelope);
  }

  /** The same as create, synchronously: for many inserts inside one `batch`. */
  insert(value: T, envelope?: Envelope): boolean {
    return this.insertMessage(value, envelope);
  }

  /** Every record of this direction, in the order stored. Queries should not need this. */
  values(): T[] {
    return this.selectAll.all(this.direction).map((row) => JSON.parse(row.record) as T);
  }

  /** Many synchronous inserts as one commit (bulk loads, imports). */
  batch<R>(work: () => R): R {
    return this.db.transaction(work)();
  }

  private insertNow(record: T, envelope: Envelope | undefined): boolean {
    const { summary } = record;
    const content = envelope ? contentOf(envelope, summary) : undefined;
    const result = this.insertRow.run({
      messageId: record.messageId, direction: this.direction,
      atMs: record.receivedAtUnixMs ?? record.sentAtUnixMs ?? summary.createdAtUnixMs,
      payloadName: summary.payloadName, kind: summary.kind, sender: summary.sender, priorityRank: PRIORITY_RANK[summary.priority] ?? 0,
      handling: summary.handling, caseReference: summary.caseReference, traffic: summary.traffic, relatedMessageId: summary.relatedMessageId,
      replyDeadlineMs: summary.replyDeadlineUnixMs, streamSequence: record.streamSequence ?? null,
      answer: content?.answer ? JSON.stringify(content.answer) : null, retraction: content?.retraction ? JSON.stringify(content.retraction) : null,
    });
    if (result.changes === 0) return false;
    const id = Number(result.lastInsertRowid);
    this.insertBody.run({
      id, record: JSON.stringify(record), envelope: content?.envelope ?? null, payload: content?.payload ?? null, payloadBytes: content?.payloadBytes ?? null,
    });
    this.insertState.run(id, summary.sender, 'sender');
    for (const leg of summary.route) this.insertState.run(id, leg.state, leg.role);
    for (const nationality of content?.nationalities ?? []) this.insertNationality.run(id, nationality);
    this.insertText.run(id, summary.headline, content?.summaryText ?? '', [summary.locationName, content?.places ?? ''].filter(Boolean).join(' '));
    this.relations.refresh(record.messageId);
    if (summary.relatedMessageId) this.relations.refresh(summary.relatedMessageId);
    const replaced = content?.retraction?.replacementMessageId;
    if (replaced) this.relations.markCorrects(replaced, content.retraction!.retractedMessageId);
    return true;
  }
}

/** Recomputes what a message's related rows say about it: answers, withdrawal, correction, deadline. */
export class MessageRelations {
  private readonly rowsOf;
  private readonly answersTo;
  private readonly retractionsOf;
  private readonly replacedBy;
  private readonly updateMarks;
  private readonly updateCorrects;

  constructor(db: SqliteDatabase, private readonly ownState: string) {
    this.rowsOf = db.prepare<[string], RelationRow>('SELECT m.id, m.direction, b.record FROM messages m JOIN message_bodies b ON b.message = m.id WHERE m.message_id = ?');
    this.answersTo = db.prepare<[string], { answer: string }>(
      "SELECT answer FROM messages WHERE related_message_id = ? AND payload_name = 'assistance-response' AND answer IS NOT NULL ORDER BY at_ms, id");
    this.retractionsOf = db.prepare<[string], { retraction: string }>(
      "SELECT retraction FROM messages WHERE related_message_id = ? AND payload_name = 'retraction' AND retraction IS NOT NULL ORDER BY at_ms, id");
    this.replacedBy = db.prepare<[string], { retraction: string }>(
      "SELECT retraction FROM messages WHERE payload_name = 'retraction' AND json_extract(retraction, '$.replacementMessageId') = ? LIMIT 1");
    this.updateMarks = db.prepare(`UPDATE messages SET answers = @answers, withdrawn = @withdrawn, corrected_by = @correctedBy,
      deadline_at = @deadlineAt, deadline_state = @deadlineState, deadline_open = @deadlineOpen WHERE id = @id`);
    this.updateCorrects = db.prepare<[string, string]>('UPDATE messages SET corrects = ? WHERE message_id = ?');
  }

  refresh(messageId: string): void {
    const rows = this.rowsOf.all(messageId);
    if (rows.length === 0) return;
    const answers = uniqueById(this.answersTo.all(messageId).map((row) => JSON.parse(row.answer) as AnswerView));
    const retractions = this.retractionsOf.all(messageId).map((row) => JSON.parse(row.retraction) as RetractionFacts);
    for (const row of rows) {
      const { summary } = JSON.parse(row.record) as StoredRecord;
      // Only the sender may retract (the hub refuses others); a row is never marked by someone else's.
      const own = retractions.filter((retraction) => retraction.sender === summary.sender);
      const withdraw = own.find((retraction) => retraction.kind === 'withdraw');
      const correct = own.find((retraction) => retraction.kind === 'correct');
      const withdrawn: Withdrawal | undefined = withdraw && { retractionMessageId: withdraw.retractionMessageId, reason: withdraw.reason, atUnixMs: withdraw.atUnixMs };
      const correctedBy: Correction | undefined = correct && {
        retractionMessageId: correct.retractionMessageId, replacementMessageId: correct.replacementMessageId, reason: correct.reason, atUnixMs: correct.atUnixMs,
      };
      const deadline = deadlineView({
        request: summary, answers, withdrawn: withdrawn !== undefined || correctedBy !== undefined, nowMs: 0,
        deliveredTo: deliveredToOf(JSON.parse(row.record) as StoredRecord, row.direction, this.ownState),
      });
      this.updateMarks.run({
        id: row.id, answers: JSON.stringify(answers), withdrawn: withdrawn ? JSON.stringify(withdrawn) : null,
        correctedBy: correctedBy ? JSON.stringify(correctedBy) : null, deadlineAt: deadline?.atUnixMs ?? null, deadlineState: deadline?.state ?? null,
        deadlineOpen: deadline && (deadline.state === 'open' || deadline.state === 'delayed') ? 1 : 0,
      });
    }
    const replacing = this.replacedBy.get(messageId);
    if (replacing) this.updateCorrects.run((JSON.parse(replacing.retraction) as RetractionFacts).retractedMessageId, messageId);
  }

  markCorrects(replacementMessageId: string, correctedMessageId: string): void {
    this.updateCorrects.run(correctedMessageId, replacementMessageId);
  }
}

function uniqueById(answers: AnswerView[]): AnswerView[] {
  const seen = new Set<string>();
  return answers.filter((answer) => !seen.has(answer.messageId) && seen.add(answer.messageId));
}
