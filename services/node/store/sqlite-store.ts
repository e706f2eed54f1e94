// The node's own store: one SQLite file under the node's data directory, on the state's premises.
// WAL journal with synchronous=FULL: a commit is on disk before the call returns, so the inbox
// consumer acknowledges a JetStream delivery only once its record has survived even a power cut
// (NORMAL could lose the last commits, and the delivery with them, as JetStream would not resend
// it). Readers never wait for the writer; a second process on the same file waits its turn
// (busy_timeout) and every "first writer wins" step is an INSERT OR IGNORE inside a transaction.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION } from './store-schema.ts';

export type SqliteDatabase = Database.Database;

/** The store's file inside a node's data directory. */
export const STORE_FILE_NAME = 'node-store.sqlite';

export function openStoreDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, STORE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(`${join(dataDir, STORE_FILE_NAME)} has schema version ${version}; this node knows up to ${SCHEMA_VERSION} (a newer node wrote it)`);
  }
  db.exec(SCHEMA_SQL);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

/** One of the small key-value tables: typed JSON values by key, `create` atomic across processes. */
export class EntryTable<T> {
  private readonly selectOne;
  private readonly selectAll;
  private readonly upsert;
  private readonly insertNew;

  constructor(db: SqliteDatabase, readonly bucket: string) {
    this.selectOne = db.prepare<[string, string], { value: string }>('SELECT value FROM entries WHERE bucket = ? AND key = ?');
    this.selectAll = db.prepare<[string], { value: string }>('SELECT value FROM entries WHERE bucket = ? ORDER BY key');
    this.upsert = db.prepare<[string, string, string]>('INSERT INTO entries (bucket, key, value) VALUES (?, ?, ?) ON CONFLICT (bucket, key) DO UPDATE SET value = excluded.value');
    this.insertNew = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO entries (bucket, key, value) VALUES (?, ?, ?)');
  }

  get(key: string): T | undefined {
    const row = this.selectOne.get(this.bucket, key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  /** The same as get: the file is shared, so another process's write is already visible. */
  async fetch(key: string): Promise<T | undefined> {
    return this.get(key);
  }

  async put(key: string, value: T): Promise<void> {
    this.upsert.run(this.bucket, key, JSON.stringify(value));
  }

  /** Writes only if the key does not exist yet; false if another write got there first. */
  async create(key: string, value: T): Promise<boolean> {
    return this.insert(key, value);
  }

  /** The same as create, synchronously (inside a batch). */
  insert(key: string, value: T): boolean {
    return this.insertNew.run(this.bucket, key, JSON.stringify(value)).changes === 1;
  }

  values(): T[] {
    return this.selectAll.all(this.bucket).map((row) => JSON.parse(row.value) as T);
  }
}
