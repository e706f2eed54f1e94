// What a case's link graph (links/case-links.ts) reads from the store, in four indexed queries:
// our own sent messages of the case (by case), the hub's hit notices and query answers about them
// (by related message), the assistance requests that follow up those hits (by payload), and the
// keyed identifiers of our own sent reports, alerts, requests and queries (by payload, sent only;
// the digests are only in the signed payload bytes, so those are decoded here and hashed into
// sighting keys, as the hub does). Received messages are read only for what the hub told us.
import { decodePayload, enumWords, HUB_SENDER, keyedIdentifiersOf, payloadKindByName, sightingKey, v1, type DecodedPayload, type PayloadName } from '../../core/mod.ts';
import {
  caseLinks, type CaseLinkMessage, type CaseLinks, type FollowUpRow, type HitNoticeRow, type OwnIdentifierRow, type QueryAnswerRow,
} from '../links/case-links.ts';
import type { SqliteDatabase } from './sqlite-store.ts';

const IDENTIFIER_KIND_WORDS = enumWords(v1.IdentifierKind, 'IDENTIFIER_KIND_');

interface PayloadRow {
  readonly payload_name: PayloadName;
  readonly payload_bytes: Buffer;
}

const decoded = (row: PayloadRow): DecodedPayload =>
  decodePayload({ payloadType: payloadKindByName(row.payload_name).type, payload: new Uint8Array(row.payload_bytes) });

const CASE_MESSAGES_SQL = `SELECT m.message_id, m.payload_name, COALESCE(json_extract(b.envelope, '$.createdAtUnixMs'), m.at_ms) AS created_at_ms
  FROM messages m JOIN message_bodies b ON b.message = m.id
  WHERE m.case_reference = ? AND m.direction = 'sent' AND m.payload_name <> 'acknowledgement'`;

const HUB_ANSWERS_SQL = `SELECT m.payload_name, m.traffic, b.payload_bytes FROM messages m JOIN message_bodies b ON b.message = m.id
  WHERE m.related_message_id IN (SELECT value FROM json_each(?)) AND m.direction = 'received' AND m.sender = ?
    AND m.payload_name IN ('hit-notice', 'hit-query-answer') AND b.payload_bytes IS NOT NULL`;

const FOLLOW_UPS_SQL = `SELECT m.message_id, m.direction, m.at_ms, json_extract(b.payload, '$.followsUpHitId') AS hit_id
  FROM messages m JOIN message_bodies b ON b.message = m.id
  WHERE m.payload_name = 'assistance-request' AND json_extract(b.payload, '$.followsUpHitId') IN (SELECT value FROM json_each(?))`;

// Withdrawn and corrected messages no longer count (a correction's replacement carries its own).
const OWN_IDENTIFYING_SQL = `SELECT m.case_reference, m.traffic, COALESCE(json_extract(b.envelope, '$.drillId'), '') AS drill_id, m.payload_name, b.payload_bytes
  FROM messages m JOIN message_bodies b ON b.message = m.id
  WHERE m.payload_name IN ('intelligence-report', 'case-alert', 'assistance-request', 'hit-query') AND m.direction = 'sent'
    AND m.case_reference <> '' AND m.withdrawn IS NULL AND m.corrected_by IS NULL AND b.payload_bytes IS NOT NULL`;

function hubRowsOf(rows: ReadonlyArray<PayloadRow & { traffic: string }>): { hitNotices: HitNoticeRow[]; queryAnswers: QueryAnswerRow[] } {
  const hitNotices: HitNoticeRow[] = [];
  const queryAnswers: QueryAnswerRow[] = [];
  for (const row of rows) {
    const payload = decoded(row);
    const exercise = row.traffic === 'exercise';
    if (payload.name === 'hit-notice') {
      const notice = payload.message;
      hitNotices.push({
        hitId: notice.hitId, counterpartState: notice.counterpartState, yourMessageId: notice.yourMessageId,
        identifierKind: IDENTIFIER_KIND_WORDS.wordOf(notice.identifierKind), matchedIdentifiers: notice.matchedIdentifiers,
        detectedAtUnixMs: Number(notice.detectedAtUnixMs), fromQuery: notice.fromQuery, exercise,
      });
    } else if (payload.name === 'hit-query-answer') {
      const answer = payload.message;
      queryAnswers.push({
        queryMessageId: answer.queryMessageId, answeredAtUnixMs: Number(answer.answeredAtUnixMs), exercise,
        results: answer.results.map((result) => ({
          identifierKind: IDENTIFIER_KIND_WORDS.wordOf(result.identifierKind),
          hits: result.hits.map((hit) => ({ counterpartState: hit.counterpartState, hitId: hit.hitId })),
        })),
      });
    }
  }
  return { hitNotices, queryAnswers };
}

function identifiersOf(payload: DecodedPayload): v1.IKeyedIdentifier[] {
  return payload.name === 'hit-query' ? payload.message.identifiers : keyedIdentifiersOf(payload);
}

export class LinkQueries {
  private readonly caseMessages;
  private readonly hubAnswers;
  private readonly followUps;
  private readonly ownIdentifying;

  constructor(db: SqliteDatabase, private readonly ownState: string) {
    this.caseMessages = db.prepare<[string], { message_id: string; payload_name: string; created_at_ms: number }>(CASE_MESSAGES_SQL);
    this.hubAnswers = db.prepare<[string, string], PayloadRow & { traffic: string }>(HUB_ANSWERS_SQL);
    this.followUps = db.prepare<[string], { message_id: string; direction: 'sent' | 'received'; at_ms: number; hit_id: string }>(FOLLOW_UPS_SQL);
    this.ownIdentifying = db.prepare<[], PayloadRow & { case_reference: string; traffic: string; drill_id: string }>(OWN_IDENTIFYING_SQL);
  }

  /** The link graph of one of our cases; undefined when we sent nothing in it. */
  caseLinks(caseReference: string): CaseLinks | undefined {
    const messages: CaseLinkMessage[] = this.caseMessages.all(caseReference)
      .map((row) => ({ messageId: row.message_id, payloadName: row.payload_name, createdAtUnixMs: Number(row.created_at_ms) }));
    if (messages.length === 0) return undefined;
    const { hitNotices, queryAnswers } = hubRowsOf(this.hubAnswers.all(JSON.stringify(messages.map((message) => message.messageId)), HUB_SENDER));
    const hitIds = [...hitNotices.map((notice) => notice.hitId), ...queryAnswers.flatMap((answer) => answer.results.flatMap((result) => result.hits.map((hit) => hit.hitId)))];
    const followUps: FollowUpRow[] = hitIds.length === 0 ? [] : this.followUps.all(JSON.stringify([...new Set(hitIds)]))
      .map((row) => ({ hitId: row.hit_id, messageId: row.message_id, direction: row.direction, atUnixMs: row.at_ms }));
    return caseLinks({ ownState: this.ownState, caseReference, messages, hitNotices, queryAnswers, followUps, ownIdentifiers: this.ownIdentifiers() });
  }

  private ownIdentifiers(): OwnIdentifierRow[] {
    return this.ownIdentifying.all().flatMap((row) => {
      const traffic = row.traffic === 'exercise' ? `exercise:${row.drill_id}` : row.traffic;
      return identifiersOf(decoded(row)).map((identifier) => ({
        caseReference: row.case_reference, traffic, identifierKind: IDENTIFIER_KIND_WORDS.wordOf(identifier.kind), key: sightingKey(identifier), hashKeyId: identifier.hashKeyId ?? '',
      }));
    });
  }
}
