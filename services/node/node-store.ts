// A node's own state, in one SQLite file under its data directory (store/sqlite-store.ts), so it
// survives a restart of the node, opens in milliseconds whatever its size and never leaves the
// state. Messages received and sent are rows with indexed columns (store/message-table.ts);
// idempotency keys, escalations and refused deliveries are small key-value tables. `create` is the
// one atomic step (INSERT OR IGNORE), used where two writers must not both win: de-duplication of
// deliveries, idempotency keys and escalations, also between two processes on the same file.
import { createHash } from 'node:crypto';
import type { EscalationRecord, IdempotencyRecord, ReceivedRecord, RefusedDelivery, SentRecord } from './node-records.ts';
import type { ExportableMessage } from '../export/mod.ts';
import { exportableMessages, type ExportFilter } from './store/export-queries.ts';
import { hitToldOf, queryAnswerOf, type HitToldOf, type QueryAnswerView } from './store/hit-lookups.ts';
import { MessageRelations, MessageTable } from './store/message-table.ts';
import { EntryTable, openStoreDatabase, type SqliteDatabase } from './store/sqlite-store.ts';

/** Client idempotency keys are the client's text: stored only as a digest. */
export function idempotencyKeyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class NodeStore {
  readonly sent: MessageTable<SentRecord>;
  readonly received: MessageTable<ReceivedRecord>;
  readonly idempotency: EntryTable<IdempotencyRecord>;
  readonly escalations: EntryTable<EscalationRecord>;
  readonly refused: EntryTable<RefusedDelivery>;

  private constructor(readonly db: SqliteDatabase, readonly state: string) {
    const relations = new MessageRelations(db, state);
    this.sent = new MessageTable<SentRecord>(db, 'sent', relations);
    this.received = new MessageTable<ReceivedRecord>(db, 'received', relations);
    this.idempotency = new EntryTable<IdempotencyRecord>(db, 'idempotency');
    this.escalations = new EntryTable<EscalationRecord>(db, 'escalations');
    this.refused = new EntryTable<RefusedDelivery>(db, 'refused');
  }

  /** Opens (creating if need be) the store of `state`'s node in `dataDir`. */
  static open(dataDir: string, state: string): NodeStore {
    return new NodeStore(openStoreDatabase(dataDir), state);
  }

  /** Nothing stored yet: no message and no entry (a new node, or one upgraded from the KV buckets). */
  isEmpty(): boolean {
    const row = this.db.prepare<[], { any: number }>('SELECT EXISTS (SELECT 1 FROM messages) OR EXISTS (SELECT 1 FROM entries) AS any').get();
    return row?.any === 0;
  }

  /** Reports, alerts and hit notices held, ready for a STIX or MISP export. */
  exportable(filter: ExportFilter = {}): ExportableMessage[] {
    return exportableMessages(this.db, filter);
  }

  /** The hub's answer to a hit/no-hit query this node sent, once it has arrived. */
  queryAnswer(queryMessageId: string): QueryAnswerView | undefined {
    return queryAnswerOf(this.db, queryMessageId);
  }

  /** A hit the hub told this state of (notice or query answer): its other party and traffic class. */
  hitToldOf(hitId: string): HitToldOf | undefined {
    return hitToldOf(this.db, hitId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
