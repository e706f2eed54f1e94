// Audit trails for tests: a chain built with the real linking code, and the edits an attacker with
// access to the leaf would make (change, remove, swap, recompute the hashes after a change).
import type { SigningKey } from '../../services/core/signing/mod.ts';
import type { StateCode } from '../../services/core/member-states.ts';
import {
  chainCheckpoint, chainEntry, entryHash, EMPTY_CHAIN, headOf, parseDraft,
  type AuditDraft, type AuditEntry, type ChainHead,
} from '../../services/audit/mod.ts';

export const AUDIT_T0 = Date.UTC(2026, 0, 15, 8, 0, 0);

const DRAFTS: readonly AuditDraft[] = [
  { actor: { kind: 'officer', id: 'idn-liaison-1', unit: 'Bareskrim POLRI', role: 'liaison' }, action: 'sign-in', outcome: 'ok', from: '10.20.0.7' },
  { actor: { kind: 'officer', id: 'idn-liaison-1', role: 'liaison' }, action: 'submit', outcome: 'ok', messageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13', detail: 'payload=case-alert recipients=KHM,THA', from: '10.20.0.7' },
  { actor: { kind: 'token', id: 'tok-case-system' }, action: 'read', outcome: 'ok', messageId: '9b2d4e61-0c3f-4a8b-8e5d-2f7a1c6b3e90', from: '10.20.0.9:53412' },
  { actor: { kind: 'officer', id: 'idn-auditor-2', role: 'auditor' }, action: 'access-denied', outcome: 'denied', detail: 'needs=export', from: '10.20.0.8' },
  { actor: { kind: 'operator', id: 'ops-budi' }, action: 'permission-change', outcome: 'ok', target: 'idn-liaison-1', detail: 'scope=submit,read' },
];

/** The i-th sample draft (they cycle), stamped one second apart. */
export function sampleDraft(index: number): AuditDraft {
  return { ...DRAFTS[index % DRAFTS.length]!, atUnixMs: AUDIT_T0 + index * 1_000 };
}

export interface BuildOptions {
  readonly state?: StateCode;
  /** A checkpoint after every N events (default 10); 0 for none. */
  readonly checkpointEvery?: number;
  /** End with a checkpoint, as a writer does when it closes (default false). */
  readonly closingCheckpoint?: boolean;
}

/** A trail of `events` entries with checkpoints signed by `key`, exactly as the writer links them. */
export function buildTrail(events: number, key: SigningKey, options: BuildOptions = {}): AuditEntry[] {
  const state = options.state ?? (key.owner as StateCode);
  const every = options.checkpointEvery ?? 10;
  const entries: AuditEntry[] = [];
  let head: ChainHead = EMPTY_CHAIN;
  let sinceCheckpoint = 0;
  const checkpoint = () => {
    const entry = chainCheckpoint({ state, nowUnixMs: AUDIT_T0 + entries.length * 1_000, actor: { kind: 'node', id: state }, key }, head);
    entries.push(entry);
    head = headOf(entry);
    sinceCheckpoint = 0;
  };
  for (let index = 0; index < events; index += 1) {
    const entry = chainEntry(parseDraft(sampleDraft(index)), { state, nowUnixMs: 0 }, head);
    entries.push(entry);
    head = headOf(entry);
    sinceCheckpoint += 1;
    if (every > 0 && sinceCheckpoint === every) checkpoint();
  }
  if (options.closingCheckpoint && sinceCheckpoint > 0) checkpoint();
  return entries;
}

export function bySeq(entries: readonly AuditEntry[], seq: number): AuditEntry {
  const entry = entries.find((candidate) => candidate.seq === seq);
  if (!entry) throw new Error(`no entry ${seq} in the sample trail`);
  return entry;
}

/** Changes an entry's content in place of the original, leaving its stored hash as it was. */
export function withChange(entries: readonly AuditEntry[], seq: number, change: Partial<AuditEntry>): AuditEntry[] {
  return entries.map((entry) => (entry.seq === seq ? { ...entry, ...change } : entry));
}

export function without(entries: readonly AuditEntry[], seq: number): AuditEntry[] {
  return entries.filter((entry) => entry.seq !== seq);
}

export function swapped(entries: readonly AuditEntry[], first: number, second: number): AuditEntry[] {
  const out = [...entries];
  const a = out.findIndex((entry) => entry.seq === first);
  const b = out.findIndex((entry) => entry.seq === second);
  [out[a], out[b]] = [out[b]!, out[a]!];
  return out;
}

/**
 * The careful attacker: after changing entries, recompute every `prev` and `hash` from `fromSeq`
 * on (and renumber, so a removal leaves no gap). Checkpoint signatures cannot be redone.
 */
export function rechained(entries: readonly AuditEntry[], fromSeq = 1): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    const previous = out[index - 1];
    const seq = index + 1;
    if (seq < fromSeq && entry.seq === seq) {
      out.push(entry);
      continue;
    }
    const { hash: _old, ...fields } = { ...entry, seq, prev: previous?.hash ?? EMPTY_CHAIN.hash };
    out.push({ ...fields, hash: entryHash(fields) });
  }
  return out;
}
