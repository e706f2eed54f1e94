// The fields a log line may carry, each with the one shape it may take. A line is built from this
// whitelist alone: a key not listed here is not logged (its value is replaced by NOT_LOGGED, so the
// omission is visible), and a listed key whose value has the wrong shape is dropped the same way.
// Victim data, clear identifiers and secrets therefore cannot reach a line whatever the caller put
// in it: nothing in the list holds free-form nested data.
import { isStateCode, HUB_SENDER } from '../member-states.ts';
import { PAYLOAD_NAMES } from '../payload-registry.ts';

export const NOT_LOGGED = '[not logged]';

type FieldShape = (value: unknown) => unknown;

const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Codes, component and instance names: upper/lower letters, digits, dashes, underscores, dots. */
const TOKEN = /^[A-Za-z0-9_.:-]{1,80}$/;
const MAX_TEXT_CHARS = 300;
const payloadNames: ReadonlySet<string> = new Set(PAYLOAD_NAMES);

const messageId: FieldShape = (value) => (typeof value === 'string' && LOWER_UUID.test(value) ? value : undefined);
const state: FieldShape = (value) => (typeof value === 'string' && (isStateCode(value) || value === HUB_SENDER) ? value : undefined);
const states: FieldShape = (value) => (Array.isArray(value) && value.every((item) => state(item) !== undefined) ? value : undefined);
const count: FieldShape = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const token: FieldShape = (value) => (typeof value === 'string' && TOKEN.test(value) ? value : undefined);
const payloadName: FieldShape = (value) => (typeof value === 'string' && payloadNames.has(value) ? value : undefined);
/** Reasons and messages the code wrote itself (they name fields and rules, never values); control characters removed, length capped. */
const text: FieldShape = (value) => (typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, MAX_TEXT_CHARS) : undefined);
/** Server and node addresses, with any user:password@ part removed. */
const url: FieldShape = (value) => (typeof value === 'string' ? value.replace(/\/\/[^/@]*@/, '//').slice(0, MAX_TEXT_CHARS) : undefined);
const urls: FieldShape = (value) => (Array.isArray(value) ? value.map(url) : undefined);

/** Every field a line may carry. `err`, `error` and `envelope` go through serializers first (serializers.ts). */
export const LOG_FIELDS: Readonly<Record<string, FieldShape>> = Object.freeze({
  // bindings
  service: token, component: token, instance: token, state,
  // what a line is about
  messageId, hitId: messageId, requestMessageId: messageId,
  sender: state, recipient: state, requestedState: state, recipients: states, states,
  payload: payloadName, code: token, reason: text, drillId: token, officer: token,
  // the node's HTTP API: the method and the route pattern (never the concrete path: it may carry ids), the audit action
  method: token, route: text, action: token,
  // counts and positions
  streamSequence: count, attempt: count, delayMs: count, matched: count, notices: count, count, durationMs: count,
  // the signed key directory: its version, size, bucket revision, and why an update was refused (key ids and versions only)
  version: count, keys: count, revision: count, refusal: token, detail: text, source: token,
  // the regional matching key: key ids, when the previous one stops matching, its file (never a secret)
  matchingKeyId: token, previousMatchingKeyId: token, previousUntil: text, file: text,
  // where a process listens or connects
  url, servers: urls,
  // serialized objects: already whitelisted by their serializers
  err: (value) => value, error: (value) => value, envelope: (value) => value,
});

/** The line's fields, each passed through its shape; everything else marked as not logged. */
export function whitelistFields(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    const shape = LOG_FIELDS[key];
    const shaped = shape ? shape(value) : undefined;
    out[key] = shaped === undefined ? NOT_LOGGED : shaped;
  }
  return out;
}
