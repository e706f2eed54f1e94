// The one table between contract enums and the kebab-case words people, JSON input, summaries,
// logs and the dashboard use (HANDLING_MARK_AMBER_STRICT <-> "amber-strict"). Words are derived
// from the .proto enum names, so a new enum value gets its word without a second list to keep in
// step; both directions (input parsing, summaries of decoded messages) read the same table.
import { v1 } from './proto.ts';

type EnumObject = Readonly<Record<string, number | string>>;

/** The word of a zero (_UNSPECIFIED) or unknown value. */
export const UNSPECIFIED_WORD = 'unspecified';

export interface EnumWords {
  /** word -> enum number, without the *_UNSPECIFIED zero value. */
  readonly byWord: Readonly<Record<string, number>>;
  /** The accepted words, in enum order. */
  readonly words: readonly string[];
  /** The word of an enum value; "unspecified" for zero or a value the contract does not know. */
  wordOf(value: number | null | undefined): string;
  /** The enum value of a word; undefined when the word is not one of the table's. */
  valueOf(word: string): number | undefined;
}

/** Renames where the derived word reads badly (AGE_BAND_18_TO_24 -> "18-24", not "18-to-24"). */
export function enumWords(values: EnumObject, prefix: string, rename: Readonly<Record<string, string>> = {}): EnumWords {
  const byWord: Record<string, number> = {};
  const byValue = new Map<number, string>();
  for (const [name, number] of Object.entries(values)) {
    if (typeof number !== 'number' || number === 0 || !name.startsWith(prefix)) continue;
    const derived = name.slice(prefix.length).toLowerCase().replaceAll('_', '-');
    const word = rename[derived] ?? derived;
    byWord[word] = number;
    byValue.set(number, word);
  }
  Object.freeze(byWord);
  return Object.freeze({
    byWord,
    words: Object.freeze(Object.keys(byWord)),
    wordOf: (value: number | null | undefined) => byValue.get(Number(value ?? 0)) ?? UNSPECIFIED_WORD,
    valueOf: (word: string) => (Object.hasOwn(byWord, word) ? byWord[word] : undefined),
  });
}

/** Every contract enum that has words, by the name code uses for it. */
export const ENUM_WORDS = Object.freeze({
  handling: enumWords(v1.HandlingMark, 'HANDLING_MARK_'),
  priority: enumWords(v1.Priority, 'PRIORITY_'),
  routeRole: enumWords(v1.RouteRole, 'ROUTE_ROLE_'),
  caseAlertKind: enumWords(v1.CaseAlertKind, 'CASE_ALERT_KIND_'),
  ageBand: enumWords(v1.AgeBand, 'AGE_BAND_', { '18-to-24': '18-24', '25-to-34': '25-34', '35-to-49': '35-49' }),
  gender: enumWords(v1.Gender, 'GENDER_'),
  recruitmentChannel: enumWords(v1.RecruitmentChannel, 'RECRUITMENT_CHANNEL_'),
  requestedAction: enumWords(v1.RequestedAction, 'REQUESTED_ACTION_'),
  indicatorType: enumWords(v1.IndicatorType, 'INDICATOR_TYPE_'),
  permittedAction: enumWords(v1.PermittedAction, 'PERMITTED_ACTION_'),
  assistanceKind: enumWords(v1.AssistanceKind, 'ASSISTANCE_KIND_'),
  assistanceOutcome: enumWords(v1.AssistanceOutcome, 'ASSISTANCE_OUTCOME_'),
  acknowledgementStatus: enumWords(v1.AcknowledgementStatus, 'ACKNOWLEDGEMENT_STATUS_'),
  retractionKind: enumWords(v1.RetractionKind, 'RETRACTION_KIND_'),
  drillAction: enumWords(v1.DrillControlAction, 'DRILL_CONTROL_ACTION_'),
});
