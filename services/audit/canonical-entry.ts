// The canonical serialisation an entry's hash covers. It is JSON, because an auditor can rebuild
// it with any JSON library, written under these rules (services/audit/README.md repeats them):
//   - the text "tipnet/audit-entry/v1\n", then one JSON object with no whitespace;
//   - keys in exactly this order, absent optional fields left out:
//     seq, atUnixMs, state, actor {kind, id, unit, role}, action, messageId, target, from,
//     outcome, detail, keyId, signature, prev
//   - `hash` itself is not part of it; numbers are integers in decimal; strings are JSON strings
//     as ECMAScript's JSON.stringify writes them (only `"` and `\` are escaped: the schema
//     refuses control characters), UTF-8 encoded.
// hash = lower-case hex SHA-256 of those bytes. The stored form is the same object with `hash`
// appended, so a stored line reads in the same order.
import { createHash } from 'node:crypto';
import type { AuditEntry, UnhashedEntry } from './audit-entry.ts';

export const ENTRY_HASH_CONTEXT = 'tipnet/audit-entry/v1\n';

/** The entry's fields in canonical order (undefined values vanish in JSON.stringify). */
function canonicalObject(entry: UnhashedEntry): Record<string, unknown> {
  const { actor } = entry;
  return {
    seq: entry.seq,
    atUnixMs: entry.atUnixMs,
    state: entry.state,
    actor: { kind: actor.kind, id: actor.id, unit: actor.unit, role: actor.role },
    action: entry.action,
    messageId: entry.messageId,
    target: entry.target,
    from: entry.from,
    outcome: entry.outcome,
    detail: entry.detail,
    keyId: entry.keyId,
    signature: entry.signature,
    prev: entry.prev,
  };
}

export function canonicalEntryText(entry: UnhashedEntry): string {
  return `${ENTRY_HASH_CONTEXT}${JSON.stringify(canonicalObject(entry))}`;
}

export function entryHash(entry: UnhashedEntry): string {
  return createHash('sha256').update(canonicalEntryText(entry), 'utf8').digest('hex');
}

/** The entry with its hash: what is stored. */
export function sealEntry(entry: UnhashedEntry): AuditEntry {
  return { ...entry, hash: entryHash(entry) };
}

/** One line of storage or export: the canonical order, `hash` last. */
export function storedEntryText(entry: AuditEntry): string {
  return JSON.stringify({ ...canonicalObject(entry), hash: entry.hash });
}
