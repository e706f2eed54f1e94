// The one table of states tipnet knows. Codes are ISO 3166-1 alpha-3; partners join with narrower
// rights (they receive what is addressed to them and may reply, but take no part in broadcasts).

export type Membership = 'member' | 'partner';

export interface StateInfo {
  readonly code: string;
  readonly name: string;
  readonly membership: Membership;
  /**
   * ITU country calling code. Not used to complete phone numbers: those must arrive in
   * international form (keyed-hash.ts), whichever state reports them.
   */
  readonly callingCode: string;
  /**
   * The trunk prefix a national phone number starts with ("0812..." in Indonesia), dropped when
   * an officer gives a national number together with the country it belongs to. Empty where
   * numbers have none (Brunei, Singapore, Timor-Leste).
   */
  readonly trunkPrefix: string;
}

const STATES = [
  { code: 'BRN', trunkPrefix: '', callingCode: '673', name: 'Brunei Darussalam', membership: 'member' },
  { code: 'KHM', trunkPrefix: '0', callingCode: '855', name: 'Cambodia', membership: 'member' },
  { code: 'IDN', trunkPrefix: '0', callingCode: '62', name: 'Indonesia', membership: 'member' },
  { code: 'LAO', trunkPrefix: '0', callingCode: '856', name: "Lao People's Democratic Republic", membership: 'member' },
  { code: 'MYS', trunkPrefix: '0', callingCode: '60', name: 'Malaysia', membership: 'member' },
  { code: 'MMR', trunkPrefix: '0', callingCode: '95', name: 'Myanmar', membership: 'member' },
  { code: 'PHL', trunkPrefix: '0', callingCode: '63', name: 'Philippines', membership: 'member' },
  { code: 'SGP', trunkPrefix: '', callingCode: '65', name: 'Singapore', membership: 'member' },
  { code: 'THA', trunkPrefix: '0', callingCode: '66', name: 'Thailand', membership: 'member' },
  { code: 'TLS', trunkPrefix: '', callingCode: '670', name: 'Timor-Leste', membership: 'member' },
  { code: 'VNM', trunkPrefix: '0', callingCode: '84', name: 'Viet Nam', membership: 'member' },
  { code: 'ARE', trunkPrefix: '0', callingCode: '971', name: 'United Arab Emirates', membership: 'partner' },
] as const satisfies readonly StateInfo[];

export type StateCode = (typeof STATES)[number]['code'];

/** Sender code of messages the hub itself originates (receipts, rejections, hit notices). Not an ISO code. */
export const HUB_SENDER = 'HUB';

export const ALL_STATES: readonly StateInfo[] = STATES;
export const ALL_STATE_CODES: readonly StateCode[] = STATES.map((state) => state.code);
export const ASEAN_MEMBER_CODES: readonly StateCode[] = STATES.filter((s) => s.membership === 'member').map((s) => s.code);

const BY_CODE = new Map<string, StateInfo>(STATES.map((state) => [state.code, state]));

export function isStateCode(value: string): value is StateCode {
  return BY_CODE.has(value);
}

/** Whether a code read off the wire or from input is one of these states (so no caller casts). */
export function includesState(states: readonly StateCode[], code: string): code is StateCode {
  return (states as readonly string[]).includes(code);
}

export function stateInfo(code: StateCode): StateInfo {
  const info = BY_CODE.get(code);
  if (!info) throw new RangeError(`unknown state code ${code}`);
  return info;
}
