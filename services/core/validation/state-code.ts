// The one zod schema for a state code: every config, scenario, input and payload check uses it, and
// it hands back the StateCode type, so no caller casts. A refusal echoes the value only when it is
// code-shaped, so no free text is repeated back.
import { z } from 'zod';
import { ALL_STATE_CODES, HUB_SENDER, isStateCode, type StateCode } from '../member-states.ts';

function refusal(input: unknown, known: readonly string[]): string {
  if (input === '') return 'is required (an ISO 3166-1 alpha-3 code, upper case)';
  const shown = typeof input === 'string' && /^[A-Za-z]{1,5}$/.test(input) ? JSON.stringify(input) : 'the value';
  return `${shown} is not a known state code (known: ${known.join(', ')})`;
}

/** One of tipnet's member or partner states, in upper case (IDN, KHM, ...). */
export const stateCodeSchema = z.string().refine(isStateCode, { error: (issue) => refusal(issue.input, ALL_STATE_CODES) });

function isSenderCode(value: string): value is StateCode | typeof HUB_SENDER {
  return value === HUB_SENDER || isStateCode(value);
}

/** A state code or HUB: who may sign a message (the hub signs receipts and hit notices). */
export const senderCodeSchema = z.string().refine(isSenderCode, { error: (issue) => refusal(issue.input, [...ALL_STATE_CODES, HUB_SENDER]) });

/** Input typed by a person (command-line options, query strings): case does not matter. */
export const stateCodeInputSchema = z.string().trim().toUpperCase().pipe(stateCodeSchema);
