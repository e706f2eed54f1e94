// What verification reports: each problem names the entry (its seq, the position in the chain
// the auditor knows) and where it was found in the list that was checked.

export const TRAIL_PROBLEM_KINDS = Object.freeze([
  'changed', 'removed', 'reordered', 'inserted', 'bad-checkpoint', 'missing-checkpoint', 'malformed',
] as const);

export type TrailProblemKind = (typeof TRAIL_PROBLEM_KINDS)[number];

export interface TrailProblem {
  /** 1-based place in the list of records that was verified (stream order, or file line). */
  readonly position: number;
  /** The entry the problem is about, when it has one. */
  readonly seq?: number;
  readonly kind: TrailProblemKind;
  readonly message: string;
}

/** One record of the trail as read, with its seq if it has a usable one. */
export interface TrailSlot<Entry> {
  readonly position: number;
  readonly seq: number;
  /** Undefined when the record is malformed (it still holds its place in the order). */
  readonly entry: Entry | undefined;
}

export function problem(position: number, seq: number | undefined, kind: TrailProblemKind, message: string): TrailProblem {
  return seq === undefined ? { position, kind, message } : { position, seq, kind, message };
}

/** "entry 17" or "entries 17 to 19". */
export function entryRange(first: number, last: number): string {
  return first === last ? `entry ${first}` : `entries ${first} to ${last}`;
}
