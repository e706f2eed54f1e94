// The regional matching key's life cycle, pure: the key file's two formats, a new key, rotation
// with an overlap, and which keys are in force at a moment. While a rotation's overlap lasts a
// node hashes every identifier under both keys, so a state that has not rotated yet still matches
// a state that has. File reading and writing are in matching-key-file.ts.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { MatchingKey } from './keyed-hash.ts';

/** The key a rotation replaced: still hashed with, and so still matching, until untilUnixMs. */
export interface PreviousMatchingKey extends MatchingKey {
  readonly untilUnixMs: number;
}

/** What a matching key file holds: the current key and, during an overlap, the one before it. */
export interface MatchingKeySet {
  readonly current: MatchingKey;
  readonly previous?: PreviousMatchingKey;
}

/** At most this many matching keys are in force at once (the current key and one previous key). */
export const MAX_MATCHING_KEYS_IN_FORCE = 2;

/** A matching key file that cannot be used; problems name each field, never a secret. */
export class MatchingKeyFileError extends Error {
  override readonly name = 'MatchingKeyFileError';
  readonly code = 'MATCHING_KEY_FILE_INVALID';
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(`invalid matching key file ${source}:\n  - ${problems.join('\n  - ')}`, options);
    this.problems = problems;
  }
}

const MIN_SECRET_BYTES = 32;
const keyId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-"');
const secret = z.string().refine(
  (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').byteLength >= MIN_SECRET_BYTES,
  `must be base64 of at least ${MIN_SECRET_BYTES} bytes`,
);
const until = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'must be an ISO 8601 time such as 2026-01-31T00:00:00.000Z');

/** `{id, secret}` (the first format, still read) or `{id, secret, previous: {id, secret, until}}`. */
const matchingKeyFileSchema = z.strictObject({
  id: keyId,
  secret,
  previous: z.strictObject({ id: keyId, secret, until }).optional(),
}).refine((file) => file.previous === undefined || file.previous.id !== file.id, { message: 'must differ from id', path: ['previous', 'id'] });

export type MatchingKeyFileJson = z.input<typeof matchingKeyFileSchema>;

const decodeSecret = (value: string) => new Uint8Array(Buffer.from(value, 'base64'));
const encodeSecret = (value: Uint8Array) => Buffer.from(value).toString('base64');

/** The key set a file's JSON stands for; throws MatchingKeyFileError naming every problem. */
export function parseMatchingKeyFile(json: unknown, source: string): MatchingKeySet {
  const parsed = matchingKeyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new MatchingKeyFileError(source, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`));
  }
  const { id, previous } = parsed.data;
  const current = Object.freeze({ id, secret: decodeSecret(parsed.data.secret) });
  if (!previous) return Object.freeze({ current });
  return Object.freeze({
    current,
    previous: Object.freeze({ id: previous.id, secret: decodeSecret(previous.secret), untilUnixMs: Date.parse(previous.until) }),
  });
}

/** The file's JSON for a key set (the reverse of parseMatchingKeyFile). */
export function matchingKeyFileJson(keys: MatchingKeySet): MatchingKeyFileJson {
  const { current, previous } = keys;
  return {
    id: current.id,
    secret: encodeSecret(current.secret),
    ...(previous ? { previous: { id: previous.id, secret: encodeSecret(previous.secret), until: new Date(previous.untilUnixMs).toISOString() } } : {}),
  };
}

/** `mk-<yyyymmdd>-<8 hex>`: the date says when it was made, the random part keeps two keys of one day apart. */
export function newMatchingKeyId(nowMs: number, random: Uint8Array = randomBytes(4)): string {
  return `mk-${new Date(nowMs).toISOString().slice(0, 10).replaceAll('-', '')}-${Buffer.from(random).toString('hex')}`;
}

export function generateMatchingKey(nowMs: number): MatchingKey {
  return Object.freeze({ id: newMatchingKeyId(nowMs), secret: new Uint8Array(randomBytes(MIN_SECRET_BYTES)) });
}

/** A rotation that cannot be done as asked; the message says why and what to do. */
export class MatchingKeyRotationError extends Error {
  override readonly name = 'MatchingKeyRotationError';
  constructor(readonly code: 'OVERLAP_INVALID' | 'OVERLAP_NOT_OVER' | 'KEY_ID_IN_USE', message: string) {
    super(message);
  }
}

/**
 * The set after a rotation: `next` is current, the old current key stays as previous until
 * now + overlap. Only two keys are ever in force, so while the last rotation's overlap lasts a
 * new rotation is refused (states still on the oldest key would stop matching) unless
 * endOverlapNow says to drop that previous key at once.
 */
export function rotateMatchingKeys(
  keys: MatchingKeySet, next: MatchingKey, options: { overlapMs: number; nowMs: number; endOverlapNow?: boolean },
): MatchingKeySet {
  const { overlapMs, nowMs } = options;
  if (!Number.isFinite(overlapMs) || overlapMs <= 0) throw new MatchingKeyRotationError('OVERLAP_INVALID', 'the overlap must be a duration longer than zero');
  if (next.id === keys.current.id || next.id === keys.previous?.id) throw new MatchingKeyRotationError('KEY_ID_IN_USE', `the new key id ${next.id} is already in the file`);
  if (keys.previous && nowMs < keys.previous.untilUnixMs && options.endOverlapNow !== true) {
    throw new MatchingKeyRotationError('OVERLAP_NOT_OVER', `the previous key ${keys.previous.id} is still in force until ${new Date(keys.previous.untilUnixMs).toISOString()}; `
      + 'rotate again after that (every state must have taken the last rotation), or end its overlap now with --force');
  }
  return Object.freeze({ current: next, previous: Object.freeze({ ...keys.current, untilUnixMs: nowMs + overlapMs }) });
}

/** A single key (as tests and older callers hold it) or a set. */
export type MatchingKeys = MatchingKey | MatchingKeySet;

export function asMatchingKeySet(keys: MatchingKeys): MatchingKeySet {
  return 'current' in keys ? keys : { current: keys };
}

/** The keys to hash with now: the current key first, then the previous one while its overlap lasts. */
export function keysInForce(keys: MatchingKeys, nowMs: number): readonly MatchingKey[] {
  const { current, previous } = asMatchingKeySet(keys);
  return previous && nowMs < previous.untilUnixMs ? [current, previous] : [current];
}

/** Key ids and overlap end, for logs and CLI output: never a secret. */
export function describeMatchingKeys(keys: MatchingKeySet): { currentKeyId: string; previousKeyId?: string; previousUntil?: string } {
  return {
    currentKeyId: keys.current.id,
    ...(keys.previous ? { previousKeyId: keys.previous.id, previousUntil: new Date(keys.previous.untilUnixMs).toISOString() } : {}),
  };
}
