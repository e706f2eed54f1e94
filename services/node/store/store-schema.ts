// The node's SQLite schema: one row per message received or sent (its record as JSON plus the
// columns the inbox filters and sorts on), side tables for the states and roles a message names and
// its victims' nationalities, the large parts (record, envelope, payload) in a table of their own, full-text search over headline, summary and place names, what each
// officer opened, and small key-value tables for idempotency keys, escalations and refusals.
// `user_version` numbers the schema, so a later change can migrate instead of guessing.
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('received', 'sent')),
  at_ms INTEGER NOT NULL,
  payload_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  sender TEXT NOT NULL,
  priority_rank INTEGER NOT NULL,
  handling TEXT NOT NULL,
  case_reference TEXT NOT NULL,
  traffic TEXT NOT NULL,
  related_message_id TEXT NOT NULL,
  reply_deadline_ms INTEGER NOT NULL,
  -- The deadline in force (deadlineView) and whether it still runs (open or delayed).
  deadline_at INTEGER,
  deadline_state TEXT,
  deadline_open INTEGER NOT NULL DEFAULT 0,
  stream_sequence INTEGER,
  -- For answers: the AnswerView; for retractions: what they retract, how and why.
  answer TEXT,
  retraction TEXT,
  -- Marks kept on the message itself (JSON), recomputed when a related message arrives.
  answers TEXT NOT NULL DEFAULT '[]',
  withdrawn TEXT,
  corrected_by TEXT,
  corrects TEXT,
  UNIQUE (message_id, direction)
);
-- The large parts of a message, apart, so the rows the inbox filters, counts and sorts stay small.
CREATE TABLE IF NOT EXISTS message_bodies (
  message INTEGER PRIMARY KEY REFERENCES messages (id),
  record TEXT NOT NULL,
  -- EnvelopeView and payload view (JSON); the signed payload bytes (keyed hashes, never a clear identifier).
  envelope TEXT,
  payload TEXT,
  payload_bytes BLOB
);
CREATE INDEX IF NOT EXISTS messages_by_time ON messages (direction, at_ms);
CREATE INDEX IF NOT EXISTS messages_by_payload ON messages (payload_name, at_ms);
CREATE INDEX IF NOT EXISTS messages_by_kind ON messages (kind);
CREATE INDEX IF NOT EXISTS messages_by_sender ON messages (sender);
CREATE INDEX IF NOT EXISTS messages_by_priority ON messages (priority_rank, at_ms);
CREATE INDEX IF NOT EXISTS messages_by_handling ON messages (handling);
CREATE INDEX IF NOT EXISTS messages_by_case ON messages (case_reference, at_ms);
CREATE INDEX IF NOT EXISTS messages_by_traffic ON messages (traffic);
CREATE INDEX IF NOT EXISTS messages_by_related ON messages (related_message_id);
CREATE INDEX IF NOT EXISTS messages_by_reply_deadline ON messages (reply_deadline_ms);
CREATE INDEX IF NOT EXISTS messages_by_deadline ON messages (deadline_open, deadline_at);

CREATE TABLE IF NOT EXISTS message_states (
  message INTEGER NOT NULL REFERENCES messages (id),
  state TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (state, role, message)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS message_states_by_message ON message_states (message);

CREATE TABLE IF NOT EXISTS message_nationalities (
  message INTEGER NOT NULL REFERENCES messages (id),
  nationality TEXT NOT NULL,
  PRIMARY KEY (nationality, message)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS message_text USING fts5 (headline, summary, places, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS opened (
  officer TEXT NOT NULL,
  message_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (officer, message_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS opened_by_message ON opened (message_id);

CREATE TABLE IF NOT EXISTS entries (
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
`;

/** Priority words as numbers the inbox sorts on: more urgent is higher. */
export const PRIORITY_RANK: Readonly<Record<string, number>> = { immediate: 3, urgent: 2, routine: 1 };
