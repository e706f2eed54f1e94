// Zod building blocks for decoded asean.tip.v1 messages, shared by the envelope and payload rules.
// They run over `toObject(message, TO_OBJECT)` output: enums as numbers, int64 as numbers, every
// field present (absent sub-messages are null), so a rule never sees protobufjs Long or prototype
// defaults. Messages use the .proto field names, the vocabulary of every client of the contract.
import { z } from 'zod';
import { LIMITS, WIRE_LIMITS } from '../limits.ts';
import { senderCodeSchema, stateCodeSchema } from './state-code.ts';
import { v1 } from '../proto.ts';

/** Options for `tip.X.toObject`: decoded int64 fields are protobufjs Longs, so ask for numbers. */
export const TO_OBJECT = Object.freeze({ longs: Number, enums: Number, defaults: true, arrays: true });

/** Lower case, as the contract requires, so one message has one spelling of its id. */
export const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_RULE = 'must be a lower-case UUID (8-4-4-4-12 hexadecimal digits with dashes)';

/**
 * A case reference starts with the code of the state that opened the case, then the state's own
 * numbering (letters, digits, dashes), e.g. "IDN-2026-000123". Documented in docs/wire-contract.md.
 */
export const CASE_REFERENCE = /^[A-Z]{3}-[A-Za-z0-9-]{1,60}$/;
const CASE_REFERENCE_RULE = 'must look like "IDN-2026-000123" (a three-letter state code, a dash, then 1 to 60 letters, digits or dashes)';

/** Sharing groups are named by lower-case slugs in the topology (e.g. "financial-intelligence"). */
export const SHARING_GROUP_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const uuid = z.string().regex(LOWER_UUID, UUID_RULE);
/** Empty means "none"; otherwise a UUID. */
export const optionalUuid = z.string().refine((value) => value === '' || LOWER_UUID.test(value), `must be empty or ${UUID_RULE.replace('must be ', '')}`);
export const caseReference = z.string().max(LIMITS.maxShortTextChars)
  .refine((value) => value === '' || CASE_REFERENCE.test(value), CASE_REFERENCE_RULE);

/**
 * Control characters (C0, DEL, C1), Unicode line and paragraph separators and bidirectional
 * overrides. A value travels into headers, logs, KV keys and officers' screens; a CR or LF there
 * splits a header or forges a log line, and an override disguises what an officer reads.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The same, less tab, line feed and carriage return: multi-line free text (summaries, notes) may hold those. */
const CONTROL_CHARACTERS_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SINGLE_LINE_RULE = 'must not contain control characters (CR, LF, tab, NUL, DEL, C1), line separators or bidirectional overrides';
const PROSE_RULE = 'must not contain control characters other than tab, CR and LF, line separators or bidirectional overrides';

export interface TextOptions {
  /** Multi-line free text (summaries, notes): tab, CR and LF are allowed. */
  readonly multiline?: boolean;
}

/** True when the value holds a character no single-line field of the contract may hold. */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** A string field of the contract: bounded, and free of characters that break headers, logs or screens. */
export function text(maxChars: number, options: TextOptions = {}) {
  const forbidden = options.multiline ? CONTROL_CHARACTERS_IN_PROSE : CONTROL_CHARACTERS;
  return z.string().max(maxChars).refine((value) => !forbidden.test(value), options.multiline ? PROSE_RULE : SINGLE_LINE_RULE);
}

export function requiredText(maxChars: number, options: TextOptions = {}) {
  return text(maxChars, options).refine((value) => value.trim() !== '', 'must not be empty');
}

export function optionalText(maxChars: number, options: TextOptions = {}) {
  return text(maxChars, options);
}

export const unixMs = z.number().int().nonnegative();
export const bytes = z.instanceof(Uint8Array);

/** A state code (or, with allowHub, HUB as well): the one schema in state-code.ts. */
export function stateCode(options: { allowHub?: boolean } = {}) {
  return options.allowHub ? senderCodeSchema : stateCodeSchema;
}

/**
 * A nationality: any ISO 3166-1 alpha-3 code, not only the hub's states, because victims in one
 * compound come from many countries (one Philippine case counted eleven).
 */
export const nationalityCode = z.string().regex(/^[A-Z]{3}$/, {
  message: 'must be an ISO 3166-1 alpha-3 code in upper case (e.g. IDN, CHN, LKA)',
});

/** A protobuf enum field: the zero value (*_UNSPECIFIED) and numbers the contract does not define are refused. */
export function enumSet(values: Record<string, number | string>, typeName: string) {
  const names = new Map<number, string>();
  for (const [name, number] of Object.entries(values)) if (typeof number === 'number') names.set(number, name);
  const unspecified = names.get(0) ?? `${typeName} 0`;
  return z.number().superRefine((value, ctx) => {
    if (value === 0) ctx.addIssue({ code: 'custom', message: `must be set (${unspecified} is not allowed)` });
    else if (!names.has(value)) ctx.addIssue({ code: 'custom', message: `${value} is not a known ${typeName} value` });
  });
}

/** An identifier as it travels: a keyed hash. A clear passport or phone number is never 32 bytes of HMAC. */
export const keyedIdentifier = z.object({
  kind: enumSet(v1.IdentifierKind, 'IdentifierKind'),
  hashKeyId: requiredText(LIMITS.maxShortTextChars),
  digest: bytes.superRefine((digest, ctx) => {
    if (digest.byteLength !== LIMITS.keyedDigestBytes) {
      ctx.addIssue({
        code: 'custom',
        message: `must be exactly ${LIMITS.keyedDigestBytes} bytes (an HMAC-SHA-256 of the normalised value), not ${digest.byteLength}; clear identifiers are never accepted`,
      });
    }
  }),
});

export const keyedIdentifiers = z.array(keyedIdentifier).max(WIRE_LIMITS.maxKeyedIdentifiersPerGroup);

export const location = z.object({
  state: stateCode(),
  placeName: optionalText(LIMITS.maxShortTextChars),
  latitude: z.number(),
  longitude: z.number(),
  hasCoordinates: z.boolean(),
  precisionMeters: z.number().int().nonnegative(),
}).superRefine((place, ctx) => {
  if (place.hasCoordinates) {
    if (!(Math.abs(place.latitude) <= 90)) ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'must be between -90 and 90 degrees' });
    if (!(Math.abs(place.longitude) <= 180)) ctx.addIssue({ code: 'custom', path: ['longitude'], message: 'must be between -180 and 180 degrees' });
  } else if (place.placeName.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['placeName'], message: 'is required when the location has no coordinates (has_coordinates is false)' });
  }
});

export const routeLeg = z.object({
  state: stateCode(),
  role: enumSet(v1.RouteRole, 'RouteRole'),
  place: optionalText(LIMITS.maxShortTextChars),
});

/** A route, when given, runs from at least one origin to at least one destination (wire contract, section 5). */
export const route = z.object({ legs: z.array(routeLeg).max(LIMITS.maxRouteLegs) }).superRefine(({ legs }, ctx) => {
  if (legs.length === 0) return;
  const roles = new Set(legs.map((leg) => leg.role));
  if (!roles.has(v1.RouteRole.ROUTE_ROLE_ORIGIN)) ctx.addIssue({ code: 'custom', path: ['legs'], message: 'must include at least one ROUTE_ROLE_ORIGIN leg' });
  if (!roles.has(v1.RouteRole.ROUTE_ROLE_DESTINATION)) ctx.addIssue({ code: 'custom', path: ['legs'], message: 'must include at least one ROUTE_ROLE_DESTINATION leg' });
  const seen = new Set<string>();
  legs.forEach((leg, index) => {
    const key = `${leg.state}/${leg.role}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['legs', index], message: `repeats state ${leg.state} in the same role` });
    seen.add(key);
  });
});

export type RouteObject = z.output<typeof route>;

/** Reports the index of every value that appeared earlier in the list. */
export function reportDuplicates<T>(
  values: readonly T[], ctx: z.RefinementCtx, path: PropertyKey[], describe: (value: T) => string,
): void {
  const seen = new Set<T>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [...path, index], message: `${describe(value)} is listed more than once` });
    seen.add(value);
  });
}
