// The words people and other systems write in JSON input, mapped to contract enum values. Names
// are derived from the .proto enums (HANDLING_MARK_AMBER_STRICT -> "amber-strict"), so a new enum
// value is accepted in input without a second list to keep in step.
import { z } from 'zod';
import { v1 } from '../proto.ts';

type EnumObject = Record<string, number | string>;

/** kebab-case name -> enum number, without the *_UNSPECIFIED zero value. */
export function inputNames(values: EnumObject, prefix: string, options: { rename?: Record<string, string>; exclude?: string[] } = {}) {
  const table: Record<string, number> = {};
  for (const [name, number] of Object.entries(values)) {
    if (typeof number !== 'number' || number === 0 || !name.startsWith(prefix)) continue;
    const derived = name.slice(prefix.length).toLowerCase().replaceAll('_', '-');
    const word = options.rename?.[derived] ?? derived;
    if (!options.exclude?.includes(word)) table[word] = number;
  }
  return Object.freeze(table);
}

/** A zod enum over a table's names, so input errors list the accepted words. */
export function wordOf(table: Readonly<Record<string, number>>) {
  const words = Object.keys(table);
  return z.enum(words as [string, ...string[]]);
}

export const HANDLING = inputNames(v1.HandlingMark, 'HANDLING_MARK_');
export const PRIORITY = inputNames(v1.Priority, 'PRIORITY_');
export const ROUTE_ROLE = inputNames(v1.RouteRole, 'ROUTE_ROLE_');
export const CASE_ALERT_KIND = inputNames(v1.CaseAlertKind, 'CASE_ALERT_KIND_');
export const AGE_BAND = inputNames(v1.AgeBand, 'AGE_BAND_', {
  rename: { '18-to-24': '18-24', '25-to-34': '25-34', '35-to-49': '35-49' },
});
export const GENDER = inputNames(v1.Gender, 'GENDER_');
export const RECRUITMENT_CHANNEL = inputNames(v1.RecruitmentChannel, 'RECRUITMENT_CHANNEL_');
export const REQUESTED_ACTION = inputNames(v1.RequestedAction, 'REQUESTED_ACTION_');
export const INDICATOR_TYPE = inputNames(v1.IndicatorType, 'INDICATOR_TYPE_');
export const PERMITTED_ACTION = inputNames(v1.PermittedAction, 'PERMITTED_ACTION_');
export const ASSISTANCE_KIND = inputNames(v1.AssistanceKind, 'ASSISTANCE_KIND_');
export const ASSISTANCE_OUTCOME = inputNames(v1.AssistanceOutcome, 'ASSISTANCE_OUTCOME_');
/** DELIVERED is the hub's receipt; no state writes it. */
export const ACKNOWLEDGEMENT_STATUS = inputNames(v1.AcknowledgementStatus, 'ACKNOWLEDGEMENT_STATUS_', { exclude: ['delivered'] });
export const RETRACTION_KIND = inputNames(v1.RetractionKind, 'RETRACTION_KIND_');
export const DRILL_ACTION = inputNames(v1.DrillControlAction, 'DRILL_CONTROL_ACTION_');

/** The Admiralty code as analysts write it: reliability A-F, credibility 1-6 (enum values 1-6 in order). */
export const SOURCE_RELIABILITY = Object.freeze({ A: 1, B: 2, C: 3, D: 4, E: 5, F: 6 } as Record<string, number>);
