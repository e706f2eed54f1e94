// Every size and time limit in one place, so the router, the nodes and the docs agree.

export const LIMITS = Object.freeze({
  /** Largest encoded envelope the hub accepts. Alerts are text and hashes; 1 MiB is generous. */
  maxEnvelopeBytes: 1024 * 1024,
  /**
   * max_payload of every hub and leaf server. Far above maxEnvelopeBytes on purpose: a 5 MB garbage
   * submission must still reach the router, which dead-letters anything over maxEnvelopeBytes.
   */
  maxServerPayloadBytes: 8 * 1024 * 1024,
  /** Free-text summaries of alerts, requests and responses. */
  maxSummaryChars: 2_000,
  /** Assessment text of an intelligence report. */
  maxReportSummaryChars: 4_000,
  /** Short free-text fields: units, places, notes, reasons, references. */
  maxShortTextChars: 200,
  maxReasonChars: 1_000,
  maxIndicatorsPerReport: 500,
  maxVictimGroupsPerAlert: 200,
  maxIdentifiersPerGroup: 100,
  maxRouteLegs: 12,
  maxRecipients: 32,
  /** Tolerated clock difference between a sender and the hub when checking created_at. */
  maxClockSkewMs: 5 * 60_000,
  /** Longest lifetime a message may ask for before it expires. */
  maxLifetimeMs: 400 * 24 * 3_600_000,
  /** Length of an HMAC-SHA-256 digest. */
  keyedDigestBytes: 32,
  ed25519SignatureBytes: 64,
  /**
   * How long a node waits, over every attempt together, for the hub to confirm a submission
   * before it answers its national system "unavailable, retry". A hub that lost its quorum never
   * answers; the national system must hear so in bounded time, not after a client's own timeout.
   */
  submitDeadlineMs: 15_000,
  /** Identifiers one hit/no-hit query may ask about. */
  maxQueryIdentifiers: 50,
  /**
   * Matching key ids one message's keyed identifiers may use: the current key and, during a
   * rotation's overlap, the previous one. Each clear identifier becomes one keyed identifier per
   * key, so the keyed lists on the wire may be this many times the clear limits above.
   */
  maxMatchingKeyIdsPerMessage: 2,
});

/**
 * How many hit/no-hit queries the hub answers per state in a window (the hub's configuration may
 * narrow it). A query is cheap for the asker and reveals holdings, so fishing is bounded.
 */
/** Keyed lists on the wire: each clear identifier under every matching key in force. */
export const WIRE_LIMITS = Object.freeze({
  maxKeyedIdentifiersPerGroup: LIMITS.maxIdentifiersPerGroup * LIMITS.maxMatchingKeyIdsPerMessage,
  maxIndicatorsPerReport: LIMITS.maxIndicatorsPerReport * LIMITS.maxMatchingKeyIdsPerMessage,
  maxQueryKeyedIdentifiers: LIMITS.maxQueryIdentifiers * LIMITS.maxMatchingKeyIdsPerMessage,
});

export const DEFAULT_QUERY_RATE = Object.freeze({
  queriesPerWindow: 120,
  windowMs: 60_000,
});

/** Default reply deadlines by priority (the node may override them through its configuration). */
export const DEFAULT_REPLY_DEADLINE_MS = Object.freeze({
  immediate: 8 * 3_600_000,
  urgent: 3 * 24 * 3_600_000,
  routine: 7 * 24 * 3_600_000,
});

/** The nil UUID: what a REJECTED receipt names when the refused bytes carried no readable message id. */
export const NIL_MESSAGE_ID = '00000000-0000-0000-0000-000000000000';

/** Limits of a node's HTTP API: sessions, feeds and request rates per caller. */
export const ACCESS_LIMITS = Object.freeze({
  /** A sign-in lasts at most one long shift. */
  sessionLifetimeMs: 12 * 3_600_000,
  /** A dashboard left alone this long signs out. */
  sessionIdleMs: 30 * 60_000,
  /** Open feeds (server-sent event streams) per caller at once. */
  maxOpenFeedsPerCaller: 4,
  /** An officer's durable feed consumer unused this long is removed by the leaf server. */
  officerFeedInactiveMs: 14 * 24 * 3_600_000,
  /** Requests per minute per caller (per address before sign-in). */
  requestsPerMinute: 1_200,
  /** Failed sign-ins per officer reference and address within signInWindowMs before sign-in is refused for the window. */
  signInAttempts: 10,
  signInWindowMs: 5 * 60_000,
  /** An OpenID Connect sign-in must come back from the identity provider within this time. */
  oidcTransactionMs: 10 * 60_000,
});
