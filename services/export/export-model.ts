// What an export reads: one stored message with its envelope metadata, decoded payload and
// retraction mark, plus the options that select messages. Shared by the STIX and MISP builders.
import { createHash } from 'node:crypto';
import { v1, type DecodedPayload } from '../core/mod.ts';

export type Direction = 'sent' | 'received';

export interface RetractionMark {
  readonly kind: 'withdrawn' | 'corrected';
  readonly atUnixMs: number;
}

export interface ExportableMessage {
  readonly messageId: string;
  readonly senderState: string;
  readonly handling: v1.HandlingMark;
  readonly createdAtUnixMs: number;
  readonly expiresAtUnixMs: number;
  readonly caseReference: string;
  readonly exercise: boolean;
  readonly drillId: string;
  readonly direction: Direction;
  /** Decoded from the signed payload bytes the store keeps, so keyed digests are still there. */
  readonly payload: DecodedPayload;
  readonly retraction?: RetractionMark | undefined;
}

export interface ExportOptions {
  readonly ownState: string;
  readonly sinceUnixMs?: number | undefined;
  readonly caseReference?: string | undefined;
  readonly includeExercise?: boolean | undefined;
  readonly includeRed?: boolean | undefined;
}

/** Payloads an export carries; acknowledgements, requests and drill control are workflow, not intelligence. */
const EXPORTED_PAYLOADS = new Set(['intelligence-report', 'case-alert', 'hit-notice']);

/** Applies the options: exercise and RED stay out unless asked for, since/case narrow the set. */
export function selectExportable(messages: readonly ExportableMessage[], options: ExportOptions): ExportableMessage[] {
  return messages
    .filter((m) => EXPORTED_PAYLOADS.has(m.payload.name))
    .filter((m) => options.includeExercise === true || !m.exercise)
    .filter((m) => options.includeRed === true || m.handling !== v1.HandlingMark.HANDLING_MARK_RED)
    .filter((m) => options.sinceUnixMs === undefined || m.createdAtUnixMs >= options.sinceUnixMs)
    .filter((m) => options.caseReference === undefined || m.caseReference === options.caseReference)
    .sort((a, b) => a.createdAtUnixMs - b.createdAtUnixMs || a.messageId.localeCompare(b.messageId));
}

/** Fixed namespace of every id tipnet derives (chosen once, never to change: ids must be stable across exports). */
export const TIPNET_UUID_NAMESPACE = '5d7a3c1e-9b24-4f6a-8e1d-2c0b7f4a9e31';

/** RFC 4122 version 5 (SHA-1, name-based) UUID, so a re-export names every object the same. */
export function uuidV5(name: string, namespace = TIPNET_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type TlpName = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export function tlpOf(handling: v1.HandlingMark): TlpName {
  switch (handling) {
    case v1.HandlingMark.HANDLING_MARK_CLEAR: return 'clear';
    case v1.HandlingMark.HANDLING_MARK_GREEN: return 'green';
    case v1.HandlingMark.HANDLING_MARK_AMBER_STRICT: return 'amber+strict';
    case v1.HandlingMark.HANDLING_MARK_RED: return 'red';
    // An unmarked message is treated as AMBER: the most common mark, and never wider than meant.
    default: return 'amber';
  }
}

/** ISO 3166-1 alpha-2 of tipnet's states: STIX location.country wants alpha-2. */
const ALPHA2: Readonly<Record<string, string>> = Object.freeze({
  BRN: 'BN', KHM: 'KH', IDN: 'ID', LAO: 'LA', MYS: 'MY', MMR: 'MM', PHL: 'PH', SGP: 'SG', THA: 'TH', TLS: 'TL', VNM: 'VN', ARE: 'AE',
});

export function alpha2Of(alpha3: string): string | undefined {
  return ALPHA2[alpha3];
}

const RELIABILITY_LETTERS = ['', 'A', 'B', 'C', 'D', 'E', 'F'];

/** Admiralty source reliability letter A-F, or undefined when unspecified. */
export function reliabilityLetter(value: v1.SourceReliability): string | undefined {
  return RELIABILITY_LETTERS[value] || undefined;
}

/** Admiralty information credibility digit 1-6, or undefined when unspecified. */
export function credibilityDigit(value: v1.InformationCredibility): number | undefined {
  return value >= 1 && value <= 6 ? value : undefined;
}

/**
 * STIX 2.1 Appendix A, Admiralty Credibility scale: 1 Confirmed → 90, 2 Probably true → 70,
 * 3 Possibly true → 50, 4 Doubtful → 30, 5 Improbable → 10, 6 Cannot be judged → no confidence
 * property at all (the spec's "not specified").
 */
export function stixConfidence(value: v1.InformationCredibility): number | undefined {
  const byDigit: Record<number, number> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10 };
  return byDigit[value];
}

export function isoTime(unixMs: number): string {
  return new Date(unixMs).toISOString();
}

export const IDENTIFIER_KIND_WORDS: Readonly<Record<number, string>> = Object.freeze({
  1: 'passport', 2: 'phone', 3: 'national-id', 4: 'bank-account', 5: 'e-wallet', 6: 'email', 7: 'social-handle', 8: 'crypto-wallet',
});

export function identifierKindWord(kind: v1.IdentifierKind): string {
  return IDENTIFIER_KIND_WORDS[kind] ?? 'unspecified';
}
