// Content and links, walked in seq order: each entry's hash must match its content, each entry's
// `prev` must be the hash of the entry before it, and no seq may be missing between two entries.
import { GENESIS_PREV, type AuditEntry } from './audit-entry.ts';
import { entryHash } from './canonical-entry.ts';
import { entryRange, problem, type TrailProblem } from './trail-problems.ts';
import type { EntrySlot } from './trail-records.ts';

export function checkContent(chain: readonly EntrySlot[], state: string): { problems: TrailProblem[]; intact: Set<number> } {
  const problems: TrailProblem[] = [];
  const intact = new Set<number>();
  for (const { position, seq, entry } of chain) {
    if (!entry) continue;
    if (entry.state !== state) {
      problems.push(problem(position, seq, 'inserted', `entry ${seq} belongs to ${entry.state}'s trail, not ${state}'s`));
    } else if (entryHash(entry) !== entry.hash) {
      problems.push(problem(position, seq, 'changed', `entry ${seq} was changed: its hash does not match its content`));
    } else {
      intact.add(seq);
    }
  }
  return { problems, intact };
}

export function checkLinks(chain: readonly EntrySlot[], intact: ReadonlySet<number>): TrailProblem[] {
  const problems: TrailProblem[] = [];
  let previous: EntrySlot | undefined;
  for (const slot of chain) {
    const expected = (previous?.seq ?? 0) + 1;
    if (slot.seq > expected) problems.push(missingProblem(slot, expected, previous));
    else if (slot.entry) problems.push(...linkProblem(slot.entry, slot.position, previous, intact));
    previous = slot;
  }
  return problems;
}

function missingProblem(slot: EntrySlot, expected: number, previous: EntrySlot | undefined): TrailProblem {
  const missing = entryRange(expected, slot.seq - 1);
  const verb = expected === slot.seq - 1 ? 'is' : 'are';
  const context = previous ? `entry ${slot.seq} follows entry ${previous.seq}` : `the trail starts at entry ${slot.seq}`;
  return problem(slot.position, expected, 'removed', `${missing} ${verb} missing: ${context}`);
}

/** A broken link blames the earlier entry: its content hashes right, yet its successor recorded another hash. */
function linkProblem(entry: AuditEntry, position: number, previous: EntrySlot | undefined, intact: ReadonlySet<number>): TrailProblem[] {
  if (!previous) {
    return entry.prev === GENESIS_PREV || !intact.has(entry.seq) ? [] : [problem(position, entry.seq, 'changed', `entry ${entry.seq} was changed: it should start the chain, but its prev is not 64 zeros`)];
  }
  if (!previous.entry || !intact.has(previous.seq) || entry.prev === previous.entry.hash) return [];
  return [problem(previous.position, previous.seq, 'changed', `entry ${previous.seq} was changed: entry ${entry.seq} records a different hash for it`)];
}
