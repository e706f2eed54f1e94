// Records as read (from the stream or an exported file) become slots: parsed entries, or
// malformed records that keep their place in the order when they carry a usable seq.
import { parseWithProblems } from '../core/mod.ts';
import { auditEntrySchema, type AuditEntry } from './audit-entry.ts';
import { problem, type TrailProblem, type TrailSlot } from './trail-problems.ts';

export type EntrySlot = TrailSlot<AuditEntry>;

export function readSlots(records: readonly unknown[]): { slots: EntrySlot[]; problems: TrailProblem[] } {
  const slots: EntrySlot[] = [];
  const problems: TrailProblem[] = [];
  records.forEach((record, index) => {
    const position = index + 1;
    const parsed = parseWithProblems(auditEntrySchema, record);
    if (parsed.ok) {
      slots.push({ position, seq: parsed.data.seq, entry: parsed.data });
      return;
    }
    const seq = looseSeq(record);
    const what = seq === undefined ? `the record at position ${position}` : `entry ${seq} (position ${position})`;
    problems.push(problem(position, seq, 'malformed', `${what} is not a valid audit entry: ${parsed.problems.join('; ')}`));
    if (seq !== undefined) slots.push({ position, seq, entry: undefined });
  });
  return { slots, problems };
}

function looseSeq(record: unknown): number | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const seq = (record as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1 ? seq : undefined;
}
