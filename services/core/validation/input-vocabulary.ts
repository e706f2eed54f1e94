// The words people and other systems write in JSON input, mapped to contract enum values. They
// are the words of core's one enum table (enum-words.ts), so input, summaries and logs agree and a
// new enum value is accepted in input without a second list to keep in step.
import { z } from 'zod';
import { ENUM_WORDS, type EnumWords } from '../enum-words.ts';

/** word -> enum number as input accepts it: the table's words, less those no state may write. */
export function inputNames(table: EnumWords, options: { exclude?: readonly string[] } = {}): Readonly<Record<string, number>> {
  const accepted = Object.entries(table.byWord).filter(([word]) => !options.exclude?.includes(word));
  return Object.freeze(Object.fromEntries(accepted));
}

/** A zod enum over a table's names, so input errors list the accepted words. */
export function wordOf(table: Readonly<Record<string, number>>) {
  const words = Object.keys(table);
  return z.enum(words as [string, ...string[]]);
}

export const HANDLING = inputNames(ENUM_WORDS.handling);
export const PRIORITY = inputNames(ENUM_WORDS.priority);
export const ROUTE_ROLE = inputNames(ENUM_WORDS.routeRole);
export const CASE_ALERT_KIND = inputNames(ENUM_WORDS.caseAlertKind);
export const AGE_BAND = inputNames(ENUM_WORDS.ageBand);
export const GENDER = inputNames(ENUM_WORDS.gender);
export const RECRUITMENT_CHANNEL = inputNames(ENUM_WORDS.recruitmentChannel);
export const REQUESTED_ACTION = inputNames(ENUM_WORDS.requestedAction);
export const INDICATOR_TYPE = inputNames(ENUM_WORDS.indicatorType);
export const PERMITTED_ACTION = inputNames(ENUM_WORDS.permittedAction);
export const ASSISTANCE_KIND = inputNames(ENUM_WORDS.assistanceKind);
export const ASSISTANCE_OUTCOME = inputNames(ENUM_WORDS.assistanceOutcome);
/** DELIVERED is the hub's receipt; no state writes it. */
export const ACKNOWLEDGEMENT_STATUS = inputNames(ENUM_WORDS.acknowledgementStatus, { exclude: ['delivered'] });
export const RETRACTION_KIND = inputNames(ENUM_WORDS.retractionKind);
export const DRILL_ACTION = inputNames(ENUM_WORDS.drillAction);

/** The Admiralty code as analysts write it: reliability A-F, credibility 1-6 (enum values 1-6 in order). */
export const SOURCE_RELIABILITY = Object.freeze({ A: 1, B: 2, C: 3, D: 4, E: 5, F: 6 } as Record<string, number>);
