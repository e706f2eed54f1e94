// One state's audit trail on its leaf, for any number of writers (the node process, the CLI acting
// as an operator): they keep ONE chain because every append names the stream sequence it chains
// to (JetStream's expected-last-sequence); on a conflict the writer reads the new newest entry
// and links again. Appends from one process are queued, so they are chained in call order.
// A writer with the state's signing key writes a checkpoint every `checkpointEvery` entries, on
// checkpoint() and when it closes; a writer without a key appends but never checkpoints (its
// entries are covered by the next checkpoint any keyed writer makes).
import type { NatsConnection } from '@nats-io/transport-node';
import { hasJetStreamCode, JetStreamApiCodes, requireStateCode, type Logger, type SigningKey, type StateCode } from '../core/mod.ts';
import { AuditError } from './audit-errors.ts';
import { auditEntrySchema, type AuditActor, type AuditDraft, type AuditEntry } from './audit-entry.ts';
import { readPage, type AuditPage, type AuditPageQuery } from './audit-page.ts';
import { AuditStore, type StoredRecord } from './audit-stream.ts';
import { storedEntryText } from './canonical-entry.ts';
import { chainCheckpoint, chainEntry, EMPTY_CHAIN, headOf, parseDraft, type ChainHead } from './chain-entry.ts';

export const DEFAULT_CHECKPOINT_EVERY = 100;
/**
 * How long an append keeps losing to other writers before it gives up. Each round some writer
 * wins, but not fairly: a writer with a burst queued links from its own fresh head and tends to
 * win until its burst is done, so patience is measured in time, not rounds.
 */
const CONFLICT_PATIENCE_MS = 15_000;

export interface AuditTrailOptions {
  readonly state: string;
  /** The state's key: without it the writer appends but cannot checkpoint. */
  readonly signingKey?: SigningKey;
  /** Entries between two checkpoints (default 100). */
  readonly checkpointEvery?: number;
  readonly now?: () => number;
  readonly logger?: Logger;
  /** The actor of the checkpoints this writer signs (default: the node itself, { kind: 'node', id: <state> }). */
  readonly checkpointActor?: AuditActor;
}

export interface AuditTrail {
  /** Validates the draft, links it to the chain and stores it; resolves with the stored entry. */
  append(draft: AuditDraft): Promise<AuditEntry>;
  /** Signs the chain now; undefined when the newest entry already is a checkpoint (or the trail is empty). */
  checkpoint(): Promise<AuditEntry | undefined>;
  page(query: AuditPageQuery): Promise<AuditPage>;
  /** Every record as stored, in stream order, malformed ones included: what verifyTrail takes. */
  readAll(): Promise<StoredRecord[]>;
  /** Waits for queued appends, checkpoints (with a key), and refuses further appends. Leaves `nc` open. */
  close(): Promise<void>;
}

interface StoredHead extends ChainHead {
  readonly streamSequence: number;
}

export async function openAuditTrail(nc: NatsConnection, options: AuditTrailOptions): Promise<AuditTrail> {
  const state = requireStateCode(options.state);
  if (options.signingKey && options.signingKey.owner !== state) {
    throw new AuditError('AUDIT_KEY_NOT_STATE', { message: `signing key ${options.signingKey.keyId} belongs to ${options.signingKey.owner}, not to ${state}` });
  }
  const every = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  if (!Number.isSafeInteger(every) || every < 1) throw new RangeError(`checkpointEvery must be a whole number of entries, at least 1 (got ${every})`);
  const store = await AuditStore.ensure(nc, options.logger);
  const head = await readHead(store);
  return new AuditTrailWriter(store, { ...options, state, every }, head, await lastCheckpointNear(store, head, every));
}

async function readHead(store: AuditStore): Promise<StoredHead> {
  const record = await store.newest();
  if (!record) return { ...EMPTY_CHAIN, streamSequence: (await store.bounds()).last };
  const parsed = auditEntrySchema.safeParse(record.value);
  if (!parsed.success) {
    throw new AuditError('AUDIT_TRAIL_BROKEN', { message: `the newest record of the audit trail (stream sequence ${record.streamSequence}) is not a valid entry, so nothing can be chained to it: run tipnet audit verify` });
  }
  return { ...headOf(parsed.data), streamSequence: record.streamSequence };
}

/** Seq of the newest checkpoint among the last `every` records; if none, as if one was just due. */
async function lastCheckpointNear(store: AuditStore, head: StoredHead, every: number): Promise<number> {
  if (head.seq === 0) return 0;
  const { first, last } = await store.bounds();
  const recent = await store.range(Math.max(first, last - every + 1), last);
  const checkpoints = recent.flatMap((record) => {
    const parsed = auditEntrySchema.safeParse(record.value);
    return parsed.success && parsed.data.action === 'checkpoint' ? [parsed.data.seq] : [];
  });
  return checkpoints.at(-1) ?? Math.max(0, head.seq - every);
}

type WriterSettings = AuditTrailOptions & { readonly state: StateCode; readonly every: number };

class AuditTrailWriter implements AuditTrail {
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly store: AuditStore,
    private readonly settings: WriterSettings,
    private head: StoredHead | undefined,
    private lastCheckpointSeq: number,
  ) {
    this.now = settings.now ?? Date.now;
  }

  async append(draft: AuditDraft): Promise<AuditEntry> {
    if (this.closing) throw new AuditError('AUDIT_TRAIL_CLOSED');
    const parsed = parseDraft(draft);
    const { state } = this.settings;
    return this.serially(async () => {
      const entry = await this.write((head) => chainEntry(parsed, { state, nowUnixMs: this.now() }, head));
      await this.checkpointIfDue(entry);
      return entry;
    });
  }

  /** Inside the append's turn, so a burst of queued appends cannot push the checkpoint past its place. */
  private async checkpointIfDue(entry: AuditEntry): Promise<void> {
    const { signingKey, every, logger } = this.settings;
    if (!signingKey || entry.seq - this.lastCheckpointSeq < every) return;
    try {
      await this.writeCheckpoint();
    } catch (error) {
      // The entry is stored; a failed checkpoint is retried after the next append.
      logger?.warn({ err: error, code: 'AUDIT_CHECKPOINT_FAILED' }, 'the audit checkpoint was not written; the next append tries again');
    }
  }

  checkpoint(): Promise<AuditEntry | undefined> {
    if (!this.settings.signingKey) return Promise.reject(new AuditError('AUDIT_NO_SIGNING_KEY'));
    return this.serially(() => this.writeCheckpoint());
  }

  page(query: AuditPageQuery): Promise<AuditPage> {
    return readPage(this.store, query);
  }

  readAll(): Promise<StoredRecord[]> {
    return this.store.all();
  }

  close(): Promise<void> {
    this.closing ??= this.serially(async () => {
      if (this.settings.signingKey) await this.writeCheckpoint();
    });
    return this.closing;
  }

  private writeCheckpoint(): Promise<AuditEntry | undefined> {
    const { signingKey: key, state } = this.settings;
    if (!key) return Promise.reject(new AuditError('AUDIT_NO_SIGNING_KEY'));
    const actor = this.settings.checkpointActor ?? { kind: 'node' as const, id: state };
    // Whether a checkpoint is needed depends on the newest entry of any writer, not on this one's last.
    this.head = undefined;
    return this.write((head) => (head.isCheckpoint || head.seq === 0 ? undefined : chainCheckpoint({ state, nowUnixMs: this.now(), actor, key }, head)));
  }

  /** Links what `build` makes to the newest entry and stores it, again after each conflict. */
  private async write<T extends AuditEntry | undefined>(build: (head: ChainHead) => T): Promise<T> {
    let head = this.head ?? this.adopt(await readHead(this.store));
    const deadline = performance.now() + CONFLICT_PATIENCE_MS;
    for (let attempt = 1; ; attempt += 1) {
      const entry = build(head);
      if (!entry) return entry;
      try {
        const streamSequence = await this.store.publish(storedEntryText(entry), head.streamSequence);
        this.adopt({ ...headOf(entry), streamSequence });
        return entry;
      } catch (error) {
        this.head = undefined;
        head = this.adopt(await readHead(this.store));
        // The append did land, and only its answer was lost: it is the newest entry now.
        if (head.hash === entry.hash) return entry;
        if (!isWrongLastSequence(error)) throw new AuditError('AUDIT_STORE_FAILED', { message: `the audit entry was not stored: ${(error as Error).message}`, cause: error });
        if (performance.now() > deadline) throw new AuditError('AUDIT_CONFLICT');
        this.settings.logger?.debug({ code: 'AUDIT_APPEND_CONFLICT', attempt, streamSequence: head.streamSequence }, 'another writer appended first; linking again');
      }
    }
  }

  private adopt(head: StoredHead): StoredHead {
    this.head = head;
    if (head.isCheckpoint) this.lastCheckpointSeq = Math.max(this.lastCheckpointSeq, head.seq);
    return head;
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function isWrongLastSequence(error: unknown): boolean {
  return hasJetStreamCode(error, JetStreamApiCodes.StreamWrongLastSequence)
    || hasJetStreamCode(error, JetStreamApiCodes.StreamWrongLastSequenceUnknown);
}

/** Every record of the state's trail, for a reader that must not create the stream (tipnet audit verify). */
export async function readAuditTrail(nc: NatsConnection): Promise<StoredRecord[]> {
  return (await AuditStore.existing(nc)).all();
}
