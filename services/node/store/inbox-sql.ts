// An inbox query as SQL, without touching a database: every filter a WHERE clause on an indexed
// column or an EXISTS over a side table, free text through FTS5, the sort on an indexed column,
// and the page as LIMIT/OFFSET. Values are always bound parameters, never spliced into the text.
// Acknowledgements are never rows of the inbox: they are folded into what they acknowledge.
import type { InboxQuery } from '../workbench/workbench-views.ts';

export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

export interface InboxSql {
  /** The page: row ids (`id`) in order, and `unread` 0/1; the rows themselves are read by id. */
  readonly page: SqlQuery;
  /** How many rows match, for the page count. */
  readonly count: SqlQuery;
}

export interface InboxSqlContext {
  /** The officer whose unread state counts; none (a national system): nothing is unread. */
  readonly officer?: string | undefined;
  readonly nowMs: number;
}

/** Free text as FTS5 words: each a quoted prefix term, all of them required; undefined when no word is left. */
export function ftsMatch(text: string): string | undefined {
  const words = text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 16);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word}"*`).join(' AND ');
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** The sort, then time and insertion order, so a page boundary is stable. */
function orderBy(sort: InboxQuery['sort'], direction: 'ASC' | 'DESC'): string {
  const time = `m.at_ms ${direction}, m.id ${direction}`;
  if (sort === 'priority') return `m.priority_rank ${direction}, ${time}`;
  // Messages without a deadline in force come last whatever the order.
  if (sort === 'deadline') return `m.deadline_open DESC, m.deadline_at ${direction}, ${time}`;
  return time;
}

export function inboxSql(query: InboxQuery, context: InboxSqlContext): InboxSql {
  const where: string[] = ["m.payload_name <> 'acknowledgement'"];
  const params: (string | number)[] = [];
  if (query.box !== 'all') {
    where.push('m.direction = ?');
    params.push(query.box);
  }
  if (query.kinds.length > 0) {
    where.push(`(m.kind IN (${placeholders(query.kinds)}) OR m.payload_name IN (${placeholders(query.kinds)}))`);
    params.push(...query.kinds, ...query.kinds);
  }
  if (query.priorities.length > 0) {
    where.push(`m.priority_rank IN (${placeholders(query.priorities)})`);
    params.push(...query.priorities.map((priority) => ({ immediate: 3, urgent: 2, routine: 1 })[priority] ?? 0));
  }
  if (query.handling.length > 0) {
    where.push(`m.handling IN (${placeholders(query.handling)})`);
    params.push(...query.handling);
  }
  if (query.caseReference) {
    where.push('m.case_reference = ?');
    params.push(query.caseReference);
  }
  if (query.traffic) {
    where.push('m.traffic = ?');
    params.push(query.traffic);
  }
  if (query.states.length > 0) {
    const roles = query.roles.length > 0 ? query.roles : ['origin', 'transit', 'destination', 'sender'];
    where.push(`EXISTS (SELECT 1 FROM message_states s WHERE s.message = m.id AND s.state IN (${placeholders(query.states)}) AND s.role IN (${placeholders(roles)}))`);
    params.push(...query.states, ...roles);
  }
  if (query.nationalities.length > 0) {
    where.push(`EXISTS (SELECT 1 FROM message_nationalities n WHERE n.message = m.id AND n.nationality IN (${placeholders(query.nationalities)}))`);
    params.push(...query.nationalities);
  }
  if (query.overdue) {
    where.push('m.deadline_open = 1 AND m.deadline_at <= ?');
    params.push(context.nowMs);
  }
  const match = query.text === undefined ? undefined : ftsMatch(query.text);
  if (query.text !== undefined) {
    // Text with no searchable word matches nothing rather than everything.
    where.push(match === undefined ? '0' : 'm.id IN (SELECT rowid FROM message_text WHERE message_text MATCH ?)');
    if (match !== undefined) params.push(match);
  }
  const unreadExpression = context.officer === undefined
    ? '0'
    : "(m.direction = 'received' AND NOT EXISTS (SELECT 1 FROM opened o WHERE o.officer = ? AND o.message_id = m.message_id))";
  const unreadParams = context.officer === undefined ? [] : [context.officer];
  if (query.unread) {
    where.push(`${unreadExpression} = 1`);
    params.push(...unreadParams);
  }
  const whereSql = where.join(' AND ');
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  return {
    page: {
      sql: `SELECT m.id, ${unreadExpression} AS unread FROM messages m WHERE ${whereSql} ORDER BY ${orderBy(query.sort, direction)} LIMIT ? OFFSET ?`,
      params: [...unreadParams, ...params, query.pageSize, (query.page - 1) * query.pageSize],
    },
    count: { sql: `SELECT count(*) AS total FROM messages m WHERE ${whereSql}`, params },
  };
}
