// What the node holds about hits, read from the payload views it stored: the hub's answer to a
// query it sent, and a hit it was told of (by a hit notice or a query answer), for the follow-up
// check before an assistance request carrying that hit id is published. Keyed hashes are not
// read: the views hold none.
import type { SqliteDatabase } from './sqlite-store.ts';

/** One identifier's answer, as the hub's HitQueryAnswer gives it. */
export interface QueryResultView {
  readonly index: number;
  readonly identifierKind: string;
  readonly hit: boolean;
  readonly hits: readonly { readonly counterpartState: string; readonly hitId: string }[];
}

export interface QueryAnswerView {
  readonly answerMessageId: string;
  readonly queryMessageId: string;
  readonly answeredAtUnixMs: number;
  readonly results: readonly QueryResultView[];
  /**
   * How many matching keys the query hashed each identifier with (2 during a rotation's overlap):
   * the query's keyed identifiers come in runs of this many per identifier asked.
   */
  readonly keysPerIdentifier: number;
}

/** A hit this state was told of: the other party, how it matched, our message in it and its case. */
export interface HitToldOf {
  readonly hitId: string;
  readonly counterpartState: string;
  readonly traffic: string;
  /** report: their report holds what ours holds; query-by-them: they asked about it; query-by-us: we asked and they hold it. */
  readonly via: 'report' | 'query-by-them' | 'query-by-us';
  /** Our message in the hit: the one holding the identifier, or our query. */
  readonly ourMessageId: string;
  /** That message's case reference ('' when it has none or the node no longer holds it). */
  readonly ourCaseReference: string;
}

const ANSWER_SQL = `SELECT m.message_id, b.payload FROM messages m JOIN message_bodies b ON b.message = m.id
  WHERE m.direction = 'received' AND m.payload_name = 'hit-query-answer' AND m.sender = 'HUB' AND m.related_message_id = ?
  ORDER BY m.at_ms, m.id LIMIT 1`;

const QUERY_KEY_IDS_SQL = `SELECT COUNT(DISTINCT json_extract(i.value, '$.keyId')) AS keys
  FROM messages m JOIN message_bodies b ON b.message = m.id, json_each(b.payload, '$.identifiers') i
  WHERE m.direction = 'sent' AND m.payload_name = 'hit-query' AND m.message_id = ?`;

// A notice names its hit at $.hitId; an answer names several, inside results[].hits[]. Both only
// from the hub: a state cannot tell this node of a hit.
const NOTICE_HIT_SQL = `SELECT json_extract(b.payload, '$.counterpartState') AS counterpart, m.traffic,
    CASE WHEN json_extract(b.payload, '$.fromQuery') THEN 'query-by-them' ELSE 'report' END AS via, m.related_message_id AS ours,
    (SELECT o.case_reference FROM messages o WHERE o.message_id = m.related_message_id AND o.direction = 'sent') AS our_case
  FROM messages m JOIN message_bodies b ON b.message = m.id
  WHERE m.direction = 'received' AND m.payload_name = 'hit-notice' AND m.sender = 'HUB' AND json_extract(b.payload, '$.hitId') = ?
  LIMIT 1`;
const ANSWER_HIT_SQL = `SELECT json_extract(h.value, '$.counterpartState') AS counterpart, m.traffic, 'query-by-us' AS via, m.related_message_id AS ours,
    (SELECT o.case_reference FROM messages o WHERE o.message_id = m.related_message_id AND o.direction = 'sent') AS our_case
  FROM messages m JOIN message_bodies b ON b.message = m.id, json_each(b.payload, '$.results') r, json_each(r.value, '$.hits') h
  WHERE m.direction = 'received' AND m.payload_name = 'hit-query-answer' AND m.sender = 'HUB' AND json_extract(h.value, '$.hitId') = ?
  LIMIT 1`;

export function queryAnswerOf(db: SqliteDatabase, queryMessageId: string): QueryAnswerView | undefined {
  const row = db.prepare<[string], { message_id: string; payload: string | null }>(ANSWER_SQL).get(queryMessageId);
  if (!row?.payload) return undefined;
  const payload = JSON.parse(row.payload) as { answeredAtUnixMs?: number; results?: QueryResultView[] };
  const keys = db.prepare<[string], { keys: number }>(QUERY_KEY_IDS_SQL).get(queryMessageId)?.keys ?? 1;
  return {
    answerMessageId: row.message_id,
    queryMessageId,
    keysPerIdentifier: Math.max(1, keys),
    answeredAtUnixMs: Number(payload.answeredAtUnixMs ?? 0),
    results: (payload.results ?? []).map((result) => ({
      index: Number(result.index ?? 0), identifierKind: String(result.identifierKind ?? ''), hit: result.hit === true,
      hits: (result.hits ?? []).map((hit) => ({ counterpartState: hit.counterpartState, hitId: hit.hitId })),
    })),
  };
}

interface HitRow {
  readonly counterpart: string | null;
  readonly traffic: string;
  readonly via: HitToldOf['via'];
  readonly ours: string;
  readonly our_case: string | null;
}

export function hitToldOf(db: SqliteDatabase, hitId: string): HitToldOf | undefined {
  const row = db.prepare<[string], HitRow>(NOTICE_HIT_SQL).get(hitId) ?? db.prepare<[string], HitRow>(ANSWER_HIT_SQL).get(hitId);
  if (!row?.counterpart) return undefined;
  return { hitId, counterpartState: row.counterpart, traffic: row.traffic, via: row.via, ourMessageId: row.ours, ourCaseReference: row.our_case ?? '' };
}
