// Personal identifiers leave a node only as keyed hashes. Values are normalised first so the same
// passport or phone written two ways hashes the same; the kind is mixed into the hash so a passport
// number and an account number with the same characters never match each other.
import { createHmac } from 'node:crypto';
import { isStateCode, stateInfo } from './member-states.ts';
import { tip, v1 } from './proto.ts';

/** A regional matching key, shared by member states and never by the hub. */
export interface MatchingKey {
  readonly id: string;
  readonly secret: Uint8Array;
}

export type IdentifierName =
  | 'passport' | 'phone' | 'national-id' | 'bank-account' | 'e-wallet' | 'email' | 'social-handle' | 'crypto-wallet';

const K = v1.IdentifierKind;
export const IDENTIFIER_KINDS: Readonly<Record<IdentifierName, v1.IdentifierKind>> = Object.freeze({
  passport: K.IDENTIFIER_KIND_PASSPORT,
  phone: K.IDENTIFIER_KIND_PHONE,
  'national-id': K.IDENTIFIER_KIND_NATIONAL_ID,
  'bank-account': K.IDENTIFIER_KIND_BANK_ACCOUNT,
  'e-wallet': K.IDENTIFIER_KIND_E_WALLET,
  email: K.IDENTIFIER_KIND_EMAIL,
  'social-handle': K.IDENTIFIER_KIND_SOCIAL_HANDLE,
  'crypto-wallet': K.IDENTIFIER_KIND_CRYPTO_WALLET,
});

export class IdentifierFormatError extends Error {
  override readonly name = 'IdentifierFormatError';
}

const E164 = /^\+[1-9]\d{6,14}$/;
/** Digits with the separators people type, in international form: "+" or "00" first. */
const INTERNATIONAL_PHONE_LIKE = /^(\+|00)[\d\s\-().]+$/;
const PHONE_SEPARATORS = /[\s\-().]/g;

/**
 * E.164 from what people type: "+62 812-3456-7890" and "0062 812 3456 7890" both give
 * "+6281234567890". A national number ("0812...") is completed only with the country the officer
 * says it belongs to ("0812 3456 7890" of IDN is "+6281234567890"), never with a guess: the sending
 * state's calling code is not the owner's (THA reporting an Indonesian's phone), and a guess would
 * hash differently in each state, so the hub would never match it. Messages never repeat the value.
 */
export function normalisePhone(value: string, country?: string): string {
  let digits = value.trim().replace(PHONE_SEPARATORS, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (!digits.startsWith('+') && country !== undefined) digits = nationalToInternational(digits, country);
  if (!digits.startsWith('+')) {
    throw new IdentifierFormatError('phone number must be given in international form ("+" or "00", then the country code), or in national form with the country it belongs to');
  }
  if (!E164.test(digits)) throw new IdentifierFormatError('phone number is not a valid E.164 number (+ country code, 7 to 15 digits)');
  return digits;
}

/** "0812 3456 7890" of IDN → "+6281234567890": the trunk prefix dropped, the calling code put in front. */
function nationalToInternational(digits: string, country: string): string {
  if (!isStateCode(country)) throw new IdentifierFormatError(`the phone number's country must be a state code known to tipnet, not "${country.slice(0, 5)}"`);
  const { callingCode, trunkPrefix } = stateInfo(country);
  const national = trunkPrefix !== '' && digits.startsWith(trunkPrefix) ? digits.slice(trunkPrefix.length) : digits;
  return `+${callingCode}${national}`;
}

export function normaliseIdentifier(kind: IdentifierName, value: string, country?: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new IdentifierFormatError(`${kind} is empty`);
  if (country !== undefined && kind !== 'phone') throw new IdentifierFormatError('a country is given only with a phone number in national form');
  switch (kind) {
    case 'phone':
      return normalisePhone(trimmed, country);
    case 'passport':
    case 'national-id':
    case 'bank-account':
      return trimmed.toUpperCase().replace(/[\s\-.]/g, '');
    case 'e-wallet':
      // A wallet named by its phone number in international form matches that phone's wallet
      // everywhere; anything else is the provider's account name, the same text in every state.
      return INTERNATIONAL_PHONE_LIKE.test(trimmed) ? normalisePhone(trimmed) : trimmed.toLowerCase();
    case 'email':
      return trimmed.toLowerCase();
    case 'social-handle':
      return trimmed.toLowerCase().replace(/^@/, '');
    case 'crypto-wallet':
      return trimmed;
  }
}

export function keyedHash(kind: IdentifierName, normalised: string, key: MatchingKey): Uint8Array {
  return createHmac('sha256', key.secret).update(`${kind}:${normalised}`, 'utf8').digest();
}

/**
 * Normalises and hashes a clear identifier; the clear value goes no further than this function.
 * Phones arrive in international form, or in national form with the country they belong to (never
 * the reporting state's code by default), so the same person's number hashes the same whichever
 * state reports it.
 */
export function toKeyedIdentifier(kind: IdentifierName, clearValue: string, key: MatchingKey, country?: string): v1.KeyedIdentifier {
  const digest = keyedHash(kind, normaliseIdentifier(kind, clearValue, country), key);
  return tip.KeyedIdentifier.create({ kind: IDENTIFIER_KINDS[kind], hashKeyId: key.id, digest });
}
