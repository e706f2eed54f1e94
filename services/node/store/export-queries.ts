// What an export reads from the store: intelligence reports, case alerts and hit notices, sent and
// received, with the signed payload bytes (the keyed digests are only there), the envelope view and
// the withdrawn/corrected marks. One indexed query; the export module applies the remaining options.
import { decodePayload, ENUM_WORDS, payloadKindByName, type PayloadName } from '../../core/mod.ts';
import type { ExportableMessage, RetractionMark } from '../../export/mod.ts';
import type { Correction, Direction, EnvelopeView, Withdrawal } from '../workbench/workbench-views.ts';
import type { SqliteDatabase } from './sqlite-store.ts';

export interface ExportFilter {
  readonly sinceUnixMs?: number | undefined;
  readonly caseReference?: string | undefined;
}

interface ExportRow {
  readonly direction: Direction;
  readonly payload_name: PayloadName;
  readonly withdrawn: string | null;
  readonly corrected_by: string | null;
  readonly envelope: string;
  readonly payload_bytes: Buffer;
}

// at_ms (stored at) is never before the envelope's creation, so at_ms >= since keeps every message
// created since then; the export applies the exact created-at test.
const EXPORT_SQL = `SELECT m.direction, m.payload_name, m.withdrawn, m.corrected_by, b.envelope, b.payload_bytes
  FROM messages m JOIN message_bodies b ON b.message = m.id
  WHERE m.payload_name IN ('intelligence-report', 'case-alert', 'hit-notice')
    AND b.envelope IS NOT NULL AND b.payload_bytes IS NOT NULL
    AND m.at_ms >= @since AND (@caseReference IS NULL OR m.case_reference = @caseReference)
  ORDER BY m.at_ms, m.id`;

function retractionOf(row: ExportRow): RetractionMark | undefined {
  const withdrawn = row.withdrawn === null ? undefined : (JSON.parse(row.withdrawn) as Withdrawal);
  if (withdrawn) return { kind: 'withdrawn', atUnixMs: withdrawn.atUnixMs };
  const corrected = row.corrected_by === null ? undefined : (JSON.parse(row.corrected_by) as Correction);
  return corrected ? { kind: 'corrected', atUnixMs: corrected.atUnixMs } : undefined;
}

function exportableOf(row: ExportRow): ExportableMessage {
  const envelope = JSON.parse(row.envelope) as EnvelopeView;
  return {
    messageId: envelope.messageId,
    senderState: envelope.senderState,
    handling: ENUM_WORDS.handling.valueOf(envelope.handling) ?? 0,
    createdAtUnixMs: envelope.createdAtUnixMs,
    expiresAtUnixMs: envelope.expiresAtUnixMs,
    caseReference: envelope.caseReference,
    exercise: envelope.traffic === 'exercise',
    drillId: envelope.drillId,
    direction: row.direction,
    payload: decodePayload({ payloadType: payloadKindByName(row.payload_name).type, payload: new Uint8Array(row.payload_bytes) }),
    retraction: retractionOf(row),
  };
}

export function exportableMessages(db: SqliteDatabase, filter: ExportFilter = {}): ExportableMessage[] {
  const rows = db.prepare<{ since: number; caseReference: string | null }, ExportRow>(EXPORT_SQL)
    .all({ since: filter.sinceUnixMs ?? 0, caseReference: filter.caseReference ?? null });
  return rows.map(exportableOf);
}
