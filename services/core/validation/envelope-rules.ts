// Envelope rules of the wire contract (section 5), as one zod schema over the decoded envelope.
// Not here: expiry against the hub clock (the router reports EXPIRED itself), the signature
// (signing/), and hub policy such as TLP:RED distribution (the router's own reason codes).
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { tip, v1, type Envelope } from '../proto.ts';
import {
  bytes, caseReference, enumSet, optionalUuid, reportDuplicates, requiredText, SHARING_GROUP_SLUG, stateCode, text, TO_OBJECT, uuid,
} from './proto-fields.ts';
import { parseWithProblems } from './zod-errors.ts';

const MODE = v1.DistributionMode;
const TYPE = v1.PayloadType;

/** Payload types whose envelope must carry a case reference: they open or pursue a case. */
const NEEDS_CASE_REFERENCE = new Set<number>([TYPE.PAYLOAD_TYPE_CASE_ALERT, TYPE.PAYLOAD_TYPE_ASSISTANCE_REQUEST]);
/** Route-role distribution resolves states from the payload's route, so only these payloads can use it. */
const CARRIES_ROUTE = new Set<number>([TYPE.PAYLOAD_TYPE_CASE_ALERT, TYPE.PAYLOAD_TYPE_INTELLIGENCE_REPORT]);

const distribution = z.object({
  mode: enumSet(MODE, 'DistributionMode'),
  states: z.array(stateCode()),
  routeRoles: z.array(enumSet(v1.RouteRole, 'RouteRole')),
  sharingGroup: text(LIMITS.maxShortTextChars),
});

type DistributionObject = z.output<typeof distribution>;

export interface EnvelopeRuleOptions {
  /** Skip key_id and signature: the envelope is about to be signed (submission input). */
  readonly unsigned?: boolean;
}

/** The receiver's clock for the parse in progress; see envelopeProblems. */
const clock = { nowMs: 0 };

function envelopeSchema(options: EnvelopeRuleOptions) {
  return z.object({
    messageId: uuid,
    senderState: stateCode({ allowHub: true }),
    senderUnit: requiredText(LIMITS.maxShortTextChars),
    distribution: distribution.nullable().refine((value) => value !== null, 'is required'),
    handling: enumSet(v1.HandlingMark, 'HandlingMark'),
    priority: enumSet(v1.Priority, 'Priority'),
    createdAtUnixMs: z.number().int().positive('must be set (a positive Unix time in milliseconds)'),
    expiresAtUnixMs: z.number().int(),
    caseReference,
    inReplyTo: optionalUuid,
    exercise: z.boolean(),
    drillId: text(LIMITS.maxShortTextChars),
    payloadType: enumSet(TYPE, 'PayloadType'),
    payload: bytes.refine((payload) => payload.byteLength > 0, 'must not be empty'),
    keyId: options.unsigned ? text(LIMITS.maxShortTextChars) : requiredText(LIMITS.maxShortTextChars),
    signature: options.unsigned ? bytes : bytes.refine(
      (signature) => signature.byteLength === LIMITS.ed25519SignatureBytes,
      `must be exactly ${LIMITS.ed25519SignatureBytes} bytes (an Ed25519 signature)`,
    ),
  }).superRefine((envelope, ctx) => {
    const nowMs = clock.nowMs;
    const created = envelope.createdAtUnixMs;
    if (created > nowMs + LIMITS.maxClockSkewMs) {
      ctx.addIssue({
        code: 'custom', path: ['createdAtUnixMs'],
        message: `is ${Math.round((created - nowMs) / 1000)} s ahead of the receiver's clock; at most ${LIMITS.maxClockSkewMs / 60_000} minutes of clock skew is tolerated`,
      });
    }
    if (envelope.expiresAtUnixMs <= created) {
      ctx.addIssue({ code: 'custom', path: ['expiresAtUnixMs'], message: 'must be after created_at_unix_ms' });
    } else if (envelope.expiresAtUnixMs - created > LIMITS.maxLifetimeMs) {
      ctx.addIssue({ code: 'custom', path: ['expiresAtUnixMs'], message: `must be at most ${LIMITS.maxLifetimeMs / 86_400_000} days after created_at_unix_ms` });
    }
    if (envelope.caseReference === '' && NEEDS_CASE_REFERENCE.has(envelope.payloadType)) {
      ctx.addIssue({ code: 'custom', path: ['caseReference'], message: 'is required for case alerts and assistance requests' });
    }
    if (envelope.exercise && envelope.drillId.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['drillId'], message: 'is required when exercise is true' });
    } else if (!envelope.exercise && envelope.drillId !== '') {
      ctx.addIssue({ code: 'custom', path: ['drillId'], message: 'must be empty when exercise is false (real traffic belongs to no drill)' });
    }
    if (envelope.inReplyTo !== '' && envelope.inReplyTo === envelope.messageId) {
      ctx.addIssue({ code: 'custom', path: ['inReplyTo'], message: 'must not be the message\'s own message_id' });
    }
    if (envelope.distribution) distributionRules(envelope.distribution, envelope.senderState, envelope.payloadType, ctx);
  });
}

/**
 * The per-mode rules of the wire contract (section 5): NAMED lists 1 to 32 distinct known states,
 * not the sender; ROUTE_ROLES lists roles and no states; SHARING_GROUP names a group;
 * REGIONAL_BROADCAST lists nothing. Fields the contract leaves open for a mode are not checked.
 */
function distributionRules(d: DistributionObject, sender: string, payloadType: number, ctx: z.RefinementCtx): void {
  const report = (field: string, message: string, index?: number) =>
    ctx.addIssue({ code: 'custom', path: index === undefined ? ['distribution', field] : ['distribution', field, index], message });
  const mustBeEmpty = (field: 'states' | 'routeRoles' | 'sharingGroup', modeName: string) => {
    if (d[field].length > 0) report(field, `must be empty for ${modeName} distribution`);
  };
  switch (d.mode) {
    case MODE.DISTRIBUTION_MODE_NAMED:
      if (d.states.length === 0) report('states', 'must list at least one recipient state for NAMED distribution');
      if (d.states.length > LIMITS.maxRecipients) report('states', `must list at most ${LIMITS.maxRecipients} states`);
      reportDuplicates(d.states, ctx, ['distribution', 'states'], (state) => `state ${state}`);
      d.states.forEach((state, index) => {
        if (state === sender) report('states', `must not name the sender (${sender}) as a recipient`, index);
      });
      break;
    case MODE.DISTRIBUTION_MODE_ROUTE_ROLES:
      if (d.routeRoles.length === 0) report('routeRoles', 'must list at least one route role for ROUTE_ROLES distribution');
      reportDuplicates(d.routeRoles, ctx, ['distribution', 'routeRoles'], (role) => v1.RouteRole[role] ?? `route role ${role}`);
      if (!CARRIES_ROUTE.has(payloadType)) {
        report('mode', 'ROUTE_ROLES distribution needs a payload that carries a route (case-alert or intelligence-report)');
      }
      mustBeEmpty('states', 'ROUTE_ROLES');
      break;
    case MODE.DISTRIBUTION_MODE_SHARING_GROUP:
      if (!SHARING_GROUP_SLUG.test(d.sharingGroup) || d.sharingGroup.length > 64) {
        report('sharingGroup', 'must name a sharing group as a lower-case slug of at most 64 characters (e.g. "financial-intelligence")');
      }
      break;
    case MODE.DISTRIBUTION_MODE_REGIONAL_BROADCAST:
      mustBeEmpty('states', 'REGIONAL_BROADCAST');
      mustBeEmpty('routeRoles', 'REGIONAL_BROADCAST');
      mustBeEmpty('sharingGroup', 'REGIONAL_BROADCAST');
      break;
    default:
      break; // UNSPECIFIED or unknown: already reported on distribution.mode
  }
}

/** The decoded envelope as plain data, int64 as numbers. */
export function envelopeObject(envelope: Envelope | v1.Envelope.$Properties): Record<string, unknown> {
  const message = envelope instanceof tip.Envelope ? envelope : tip.Envelope.create(envelope);
  return tip.Envelope.toObject(message, TO_OBJECT);
}

/** Every problem of the envelope as "envelope.<field>: <rule>" lines; empty when it is valid. */
// Built once: a schema costs far more to build than to run. The clock is set just before each
// synchronous parse, so one module-level holder is safe.
const SIGNED_SCHEMA = envelopeSchema({});
const UNSIGNED_SCHEMA = envelopeSchema({ unsigned: true });

export function envelopeProblems(envelope: Envelope | v1.Envelope.$Properties, nowMs: number, options: EnvelopeRuleOptions = {}): string[] {
  clock.nowMs = nowMs;
  const schema = options.unsigned ? UNSIGNED_SCHEMA : SIGNED_SCHEMA;
  const result = parseWithProblems(schema, envelopeObject(envelope), 'envelope', { snakeCase: true });
  return result.ok ? [] : result.problems;
}
