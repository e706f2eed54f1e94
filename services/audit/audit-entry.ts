// The shape of one audit entry, as zod schemas: strict (no field beyond these exists, so nothing
// else can be put in), every string bounded and free of control characters. `detail`, the only
// free text, passes the identifier guard. services/audit/README.md describes each field.
import { z } from 'zod';
import { LOWER_UUID, stateCodeSchema } from '../core/mod.ts';
import { ACTOR_KINDS, AUDIT_ACTION_NAMES, OUTCOMES, type AuditAction } from './audit-actions.ts';
import { personalIdentifierProblem } from './identifier-guard.ts';

/** Account and token ids, OIDC subjects, e-mail addresses of staff: printable ASCII, no spaces. */
const ACCOUNT_ID = /^[\x21-\x7e]{1,200}$/;
const ROLE = /^[A-Za-z0-9._:-]{1,64}$/;
/** An IP address (v4, v6 with brackets or zone), with an optional port, or a host name. */
const REMOTE_ADDRESS = /^[A-Za-z0-9.:[\]%-]{1,100}$/;
const KEY_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** 64 bytes of Ed25519 signature in standard base64. */
const SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Control characters, line separators and bidirectional overrides (as core's proto-fields). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export const DETAIL_MAX_CHARS = 200;

const accountId = z.string().regex(ACCOUNT_ID, 'must be 1 to 200 printable ASCII characters without spaces');
const unitName = z.string().min(1).max(200).refine((value) => !CONTROL.test(value), 'must not contain control characters');
const detail = z.string().min(1).max(DETAIL_MAX_CHARS).superRefine((value, ctx) => {
  const problem = personalIdentifierProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const auditActorSchema = z.strictObject({
  kind: z.enum(ACTOR_KINDS),
  id: accountId,
  unit: unitName.optional(),
  role: z.string().regex(ROLE, 'must be 1 to 64 letters, digits, dots, colons, dashes or underscores').optional(),
});

/** What the caller says happened: everything but the chain fields, the state and the checkpoint signature. */
export const auditDraftSchema = z.strictObject({
  /** Defaults to the writer's clock. */
  atUnixMs: z.int().nonnegative().optional(),
  actor: auditActorSchema,
  action: z.enum(AUDIT_ACTION_NAMES).refine((action) => action !== 'checkpoint', 'checkpoint entries are written by the trail itself (checkpoint())'),
  messageId: z.string().regex(LOWER_UUID, 'must be a lower-case UUID').optional(),
  target: accountId.optional(),
  from: z.string().regex(REMOTE_ADDRESS, 'must be an IP address (optionally with a port) or a host name').optional(),
  outcome: z.enum(OUTCOMES),
  detail: detail.optional(),
});

const entryFields = auditDraftSchema.extend({
  seq: z.int().min(1),
  atUnixMs: z.int().nonnegative(),
  state: stateCodeSchema,
  action: z.enum(AUDIT_ACTION_NAMES),
  keyId: z.string().regex(KEY_ID, 'must be a key id of the key directory').optional(),
  signature: z.string().regex(SIGNATURE, 'must be a base64 Ed25519 signature (64 bytes)').optional(),
  prev: z.string().regex(SHA256_HEX, 'must be 64 lower-case hexadecimal digits'),
  hash: z.string().regex(SHA256_HEX, 'must be 64 lower-case hexadecimal digits'),
});

/** A stored entry. Checkpoints, and only they, carry keyId and signature. */
export const auditEntrySchema = entryFields.superRefine((entry, ctx) => {
  const signed = entry.keyId !== undefined && entry.signature !== undefined;
  if (entry.action === 'checkpoint' && !signed) ctx.addIssue({ code: 'custom', path: ['signature'], message: 'a checkpoint carries keyId and signature' });
  if (entry.action !== 'checkpoint' && (entry.keyId !== undefined || entry.signature !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['signature'], message: 'only checkpoint entries carry keyId and signature' });
  }
});

export type AuditActor = z.output<typeof auditActorSchema>;
export type AuditDraft = z.input<typeof auditDraftSchema>;
export type AuditEntry = z.output<typeof auditEntrySchema>;
/** An entry before its hash is computed. */
export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

export const GENESIS_PREV = '0'.repeat(64);

export function isCheckpoint(entry: { action: AuditAction }): boolean {
  return entry.action === 'checkpoint';
}
