// Public entry of the audit trail of a member state's node: who did what, to which message, when
// and from where, as one hash-chained entry per event with periodic checkpoints signed by the
// state's key, stored in stream TIPNODE_AUDIT on the state's own leaf. services/audit/README.md
// documents the entry format, the canonical serialisation, the checkpoint signing text and what
// verification catches (and what it cannot).
//
// Exports: the action table (AUDIT_ACTIONS) and entry schemas and types; the pure chain
// (chainEntry, chainCheckpoint, entryHash, canonicalEntryText, checkpointSigningText) and
// verifyTrail; the identifier guard for `detail`; openAuditTrail (append, checkpoint, page,
// readAll, close) and readAuditTrail on a leaf; JSON Lines export and parsing; AuditError.
export { AUDIT_ACTIONS, AUDIT_ACTION_NAMES, ACTOR_KINDS, OUTCOMES, type AuditAction, type ActorKind, type AuditOutcome } from './audit-actions.ts';
export {
  auditActorSchema, auditDraftSchema, auditEntrySchema, DETAIL_MAX_CHARS, GENESIS_PREV,
  type AuditActor, type AuditDraft, type AuditEntry, type UnhashedEntry,
} from './audit-entry.ts';
export { AuditError, AUDIT_ERROR_CODES, type AuditErrorCode } from './audit-errors.ts';
export { personalIdentifierProblem } from './identifier-guard.ts';
export { canonicalEntryText, entryHash, ENTRY_HASH_CONTEXT, storedEntryText } from './canonical-entry.ts';
export { checkpointSigningText, CHECKPOINT_CONTEXT, type CheckpointFields } from './checkpoint-signature.ts';
export { chainCheckpoint, chainEntry, EMPTY_CHAIN, headOf, parseDraft, type ChainHead, type CheckpointContext, type ParsedDraft } from './chain-entry.ts';
export { verifyTrail, type TrailVerification, type VerifyTrailOptions } from './verify-trail.ts';
export { TRAIL_PROBLEM_KINDS, type TrailProblem, type TrailProblemKind } from './trail-problems.ts';
export { AUDIT_PAGE_MAX, auditPageQuerySchema, matchesAuditQuery, type AuditPage, type AuditPageQuery } from './audit-page.ts';
export { AUDIT_STREAM_CONFIG, type StoredRecord } from './audit-stream.ts';
export { DEFAULT_CHECKPOINT_EVERY, openAuditTrail, readAuditTrail, type AuditTrail, type AuditTrailOptions } from './audit-writer.ts';
export { parseTrailFile, trailFileText } from './trail-file.ts';
