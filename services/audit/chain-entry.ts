// Linking one entry to the chain, without a broker: the next seq, the previous entry's hash as
// `prev`, then the entry's own hash. The store (audit-writer.ts) decides which head to link to.
import { parseWithProblems, type SigningKey, type StateCode } from '../core/mod.ts';
import { AuditError } from './audit-errors.ts';
import { auditDraftSchema, GENESIS_PREV, type AuditActor, type AuditDraft, type AuditEntry } from './audit-entry.ts';
import { sealEntry } from './canonical-entry.ts';
import { signCheckpoint } from './checkpoint-signature.ts';

/** Where the chain ends: the newest entry's position and hash. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly isCheckpoint: boolean;
}

export const EMPTY_CHAIN: ChainHead = Object.freeze({ seq: 0, hash: GENESIS_PREV, isCheckpoint: false });

export function headOf(entry: AuditEntry): ChainHead {
  return { seq: entry.seq, hash: entry.hash, isCheckpoint: entry.action === 'checkpoint' };
}

export type ParsedDraft = Readonly<ReturnType<typeof auditDraftSchema.parse>>;

/** Validates a draft at the edge; an AuditError naming each refused field otherwise. */
export function parseDraft(draft: AuditDraft): ParsedDraft {
  const result = parseWithProblems(auditDraftSchema, draft);
  if (!result.ok) throw new AuditError('AUDIT_ENTRY_INVALID', { problems: result.problems });
  return result.data;
}

export function chainEntry(draft: ParsedDraft, context: { state: StateCode; nowUnixMs: number }, head: ChainHead): AuditEntry {
  return sealEntry({
    ...draft,
    atUnixMs: draft.atUnixMs ?? context.nowUnixMs,
    state: context.state,
    seq: head.seq + 1,
    prev: head.hash,
  });
}

export interface CheckpointContext {
  readonly state: StateCode;
  readonly nowUnixMs: number;
  /** Who writes the checkpoint: the process holding the key. */
  readonly actor: AuditActor;
  readonly key: SigningKey;
}

export function chainCheckpoint(context: CheckpointContext, head: ChainHead): AuditEntry {
  const seq = head.seq + 1;
  const fields = { state: context.state, seq, atUnixMs: context.nowUnixMs, prev: head.hash };
  const { keyId, signature } = signCheckpoint(fields, context.key);
  return sealEntry({
    ...fields,
    state: context.state,
    actor: context.actor,
    action: 'checkpoint',
    outcome: 'ok',
    keyId,
    signature,
  });
}
