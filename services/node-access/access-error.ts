// Coded failures of access management and authentication, each with a searchable code.
import { CodedError } from '../core/mod.ts';

export const ACCESS_ERROR_CODES = [
  'WEAK_PASSWORD', 'OFFICER_EXISTS', 'UNKNOWN_OFFICER', 'UNKNOWN_TOKEN',
] as const;
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

export class AccessError extends CodedError<AccessErrorCode> {
  override readonly name = 'AccessError';
}
