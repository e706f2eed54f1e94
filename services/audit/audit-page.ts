// Paging the trail for the auditor's dashboard and `tipnet audit list`: newest first, filtered by
// actor, action, message and time, at most 500 entries a page. The cursor is a stream sequence
// (`before`, exclusive). A page reads backwards in chunks and stops after scanning 5,000 records,
// so a rare filter over a long trail answers in bounded time: it may then hold fewer entries
// than asked, with `nextBefore` set to go on.
import { z } from 'zod';
import { LOWER_UUID, parseWithProblems } from '../core/mod.ts';
import { AUDIT_ACTION_NAMES } from './audit-actions.ts';
import { AuditError } from './audit-errors.ts';
import { auditEntrySchema, type AuditEntry } from './audit-entry.ts';
import type { AuditStore } from './audit-stream.ts';

export const AUDIT_PAGE_MAX = 500;
const SCAN_BUDGET = 5_000;
const CHUNK = 250;

export const auditPageQuerySchema = z.strictObject({
  actorId: z.string().min(1).max(200).optional(),
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  messageId: z.string().regex(LOWER_UUID, 'must be a lower-case UUID').optional(),
  /** Inclusive bounds on atUnixMs. */
  sinceUnixMs: z.int().nonnegative().optional(),
  untilUnixMs: z.int().nonnegative().optional(),
  limit: z.int().min(1).max(AUDIT_PAGE_MAX).default(50),
  /** Only records before this stream sequence: the previous page's nextBefore. */
  before: z.int().min(1).optional(),
});

export type AuditPageQuery = z.input<typeof auditPageQuerySchema>;
type ParsedQuery = z.output<typeof auditPageQuerySchema>;

export interface AuditPage {
  /** Newest first. */
  readonly entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; absent when the trail's start was reached. */
  readonly nextBefore?: number;
}

export function parsePageQuery(query: AuditPageQuery): ParsedQuery {
  const result = parseWithProblems(auditPageQuerySchema, query);
  if (!result.ok) throw new AuditError('AUDIT_QUERY_INVALID', { problems: result.problems });
  return result.data;
}

export function matchesAuditQuery(entry: AuditEntry, query: Omit<ParsedQuery, 'limit' | 'before'>): boolean {
  return (query.actorId === undefined || entry.actor.id === query.actorId)
    && (query.action === undefined || entry.action === query.action)
    && (query.messageId === undefined || entry.messageId === query.messageId)
    && (query.sinceUnixMs === undefined || entry.atUnixMs >= query.sinceUnixMs)
    && (query.untilUnixMs === undefined || entry.atUnixMs <= query.untilUnixMs);
}

export async function readPage(store: AuditStore, input: AuditPageQuery): Promise<AuditPage> {
  const query = parsePageQuery(input);
  const { first, last, count } = await store.bounds();
  if (count === 0) return { entries: [] };
  const entries: AuditEntry[] = [];
  let cursor = Math.min(query.before ?? last + 1, last + 1);
  let scanned = 0;
  while (cursor > first && scanned < SCAN_BUDGET) {
    const from = Math.max(first, cursor - CHUNK);
    const records = (await store.range(from, cursor - 1)).reverse();
    for (const record of records) {
      scanned += 1;
      const parsed = auditEntrySchema.safeParse(record.value);
      if (parsed.success && matchesAuditQuery(parsed.data, query)) entries.push(parsed.data);
      if (entries.length === query.limit) return pageOf(entries, record.streamSequence, first);
    }
    cursor = from;
  }
  return pageOf(entries, cursor, first);
}

function pageOf(entries: AuditEntry[], cursor: number, first: number): AuditPage {
  return cursor > first ? { entries, nextBefore: cursor } : { entries };
}
