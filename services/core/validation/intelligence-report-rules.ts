// Intelligence-report rules: graded (Admiralty code), typed indicators that a recipient can act on.
import { z } from 'zod';
import { LIMITS, WIRE_LIMITS } from '../limits.ts';
import { v1 } from '../proto.ts';
import type { PayloadContext } from './payload-context.ts';
import {
  caseReference, enumSet, keyedIdentifier, location, optionalText, reportDuplicates, requiredText, route, unixMs,
} from './proto-fields.ts';

const TYPE = v1.IndicatorType;
const KIND = v1.IdentifierKind;

/**
 * Which identifier kind a keyed indicator must hash, so the hub matches it against the same kind
 * in case alerts. URLs, companies and compounds are not personal identifiers: they travel clear.
 */
const KEYED_KIND_BY_TYPE: ReadonlyMap<number, v1.IdentifierKind> = new Map([
  [TYPE.INDICATOR_TYPE_PHONE_NUMBER, KIND.IDENTIFIER_KIND_PHONE],
  [TYPE.INDICATOR_TYPE_SOCIAL_HANDLE, KIND.IDENTIFIER_KIND_SOCIAL_HANDLE],
  [TYPE.INDICATOR_TYPE_BANK_ACCOUNT, KIND.IDENTIFIER_KIND_BANK_ACCOUNT],
  [TYPE.INDICATOR_TYPE_E_WALLET, KIND.IDENTIFIER_KIND_E_WALLET],
  [TYPE.INDICATOR_TYPE_CRYPTO_WALLET, KIND.IDENTIFIER_KIND_CRYPTO_WALLET],
]);

const indicator = z.object({
  type: enumSet(TYPE, 'IndicatorType'),
  // URLs can be long; other values are short, the limit is the same for simplicity.
  value: optionalText(LIMITS.maxReasonChars),
  keyed: keyedIdentifier.nullable(),
  platform: optionalText(LIMITS.maxShortTextChars),
  location: location.nullable(),
  note: optionalText(LIMITS.maxReasonChars, { multiline: true }),
  firstSeenUnixMs: unixMs,
  lastSeenUnixMs: unixMs,
}).superRefine((item, ctx) => {
  if (item.value.trim() === '' && item.keyed === null) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'an indicator needs a clear value or a keyed hash (keyed)' });
  }
  if (item.keyed) {
    const expected = KEYED_KIND_BY_TYPE.get(item.type);
    if (expected === undefined) {
      ctx.addIssue({ code: 'custom', path: ['keyed'], message: `must be absent for ${TYPE[item.type] ?? 'this type'}: it is not a personal identifier, send it as value` });
    } else if (item.keyed.kind !== expected) {
      ctx.addIssue({ code: 'custom', path: ['keyed', 'kind'], message: `must be ${KIND[expected]} for an ${TYPE[item.type]} indicator` });
    }
  }
  if (item.firstSeenUnixMs !== 0 && item.lastSeenUnixMs !== 0 && item.lastSeenUnixMs < item.firstSeenUnixMs) {
    ctx.addIssue({ code: 'custom', path: ['lastSeenUnixMs'], message: 'must not be before first_seen_unix_ms' });
  }
});

export function intelligenceReportSchema(context: PayloadContext) {
  return z.object({
    title: requiredText(LIMITS.maxShortTextChars),
    summary: requiredText(LIMITS.maxReportSummaryChars, { multiline: true }),
    indicators: z.array(indicator).min(1).max(WIRE_LIMITS.maxIndicatorsPerReport),
    sourceReliability: enumSet(v1.SourceReliability, 'SourceReliability (Admiralty A-F)'),
    informationCredibility: enumSet(v1.InformationCredibility, 'InformationCredibility (Admiralty 1-6)'),
    permittedActions: z.array(enumSet(v1.PermittedAction, 'PermittedAction')),
    route: route.nullable(),
    relatedCaseReferences: z.array(caseReference.refine((value) => value !== '', 'must not be empty')),
  }).superRefine((report, ctx) => {
    reportDuplicates(report.permittedActions, ctx, ['permittedActions'], (action) => v1.PermittedAction[action] ?? `action ${action}`);
    reportDuplicates(report.relatedCaseReferences, ctx, ['relatedCaseReferences'], () => 'the case reference');
    const legs = report.route?.legs ?? [];
    if (context.envelope.distributionMode === v1.DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES && legs.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['route'], message: 'is required when the envelope uses ROUTE_ROLES distribution' });
    }
  });
}
