// A decoded payload as a person and the dashboard read it: the submission vocabulary (camelCase
// fields, enum words such as "rescue-request", Admiralty grades as "B" and 2, times as Unix ms)
// with every keyed identifier reduced to what it is and which key made it. The keyed hash itself
// never appears in a view (it stays in the signed bytes the store keeps), and a clear identifier
// cannot: the node only ever holds the signed form.
import { type DecodedPayload, ENUM_WORDS, enumWords, type Envelope, payloadKindByName, trafficClassOf, v1 } from '../../core/mod.ts';
import type { EnvelopeView } from '../workbench/workbench-views.ts';

/** What a keyed identifier becomes in a view. */
export interface KeyedIdentifierView {
  readonly kind: string;
  readonly keyed: true;
  readonly keyId: string;
}

/** Every contract enum name (e.g. "AGE_BAND_18_TO_24") and its word ("18-24"), from the one word table. */
const WORD_OF_ENUM_NAME: ReadonlyMap<string, string> = new Map(([
  [v1.HandlingMark, ENUM_WORDS.handling], [v1.Priority, ENUM_WORDS.priority], [v1.RouteRole, ENUM_WORDS.routeRole],
  [v1.CaseAlertKind, ENUM_WORDS.caseAlertKind], [v1.AgeBand, ENUM_WORDS.ageBand], [v1.Gender, ENUM_WORDS.gender],
  [v1.RecruitmentChannel, ENUM_WORDS.recruitmentChannel], [v1.RequestedAction, ENUM_WORDS.requestedAction],
  [v1.IndicatorType, ENUM_WORDS.indicatorType], [v1.PermittedAction, ENUM_WORDS.permittedAction],
  [v1.AssistanceKind, ENUM_WORDS.assistanceKind], [v1.AssistanceOutcome, ENUM_WORDS.assistanceOutcome],
  [v1.AcknowledgementStatus, ENUM_WORDS.acknowledgementStatus], [v1.RetractionKind, ENUM_WORDS.retractionKind],
  [v1.DrillControlAction, ENUM_WORDS.drillAction], [v1.IdentifierKind, enumWords(v1.IdentifierKind, 'IDENTIFIER_KIND_')],
] as const).flatMap(([values, words]) => Object.entries(values as Record<string, number | string>)
  .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
  .map(([name, number]) => [name, words.wordOf(number)] as const)));

/** Admiralty grades as the submission writes them: reliability "A".."F", credibility 1..6. */
function admiraltyGrade(name: string): string | number | undefined {
  const reliability = /^SOURCE_RELIABILITY_([A-F])_/.exec(name);
  if (reliability) return reliability[1];
  const credibility = /^INFORMATION_CREDIBILITY_(\d)_/.exec(name);
  if (credibility) return Number(credibility[1]);
  return undefined;
}

function enumWord(name: string): string | number | undefined {
  return WORD_OF_ENUM_NAME.get(name) ?? admiraltyGrade(name);
}

function isKeyedIdentifier(value: Record<string, unknown>): boolean {
  return 'digest' in value && 'hashKeyId' in value;
}

function viewOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => viewOf(item));
  if (typeof value === 'string') return /^[A-Z][A-Z0-9_]+$/.test(value) ? enumWord(value) ?? value : value;
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (isKeyedIdentifier(record)) {
    const keyed: KeyedIdentifierView = { kind: String(viewOf(record.kind)), keyed: true, keyId: String(record.hashKeyId ?? '') };
    return keyed;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    out[key] = viewOf(inner);
  }
  return out;
}

/** The payload in the submission vocabulary, keyed hashes reduced to kind and key id. */
export function payloadView(decoded: DecodedPayload): Record<string, unknown> {
  const messageClass = payloadKindByName(decoded.name).messageClass as unknown as {
    toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
  };
  const plain = messageClass.toObject(decoded.message, { enums: String, longs: Number, bytes: String, defaults: true, arrays: true });
  return viewOf(plain) as Record<string, unknown>;
}

export function envelopeView(envelope: Envelope): EnvelopeView {
  return {
    messageId: envelope.messageId,
    senderState: envelope.senderState,
    senderUnit: envelope.senderUnit,
    recipients: [...(envelope.distribution?.states ?? [])],
    handling: ENUM_WORDS.handling.wordOf(envelope.handling),
    priority: ENUM_WORDS.priority.wordOf(envelope.priority),
    createdAtUnixMs: Number(envelope.createdAtUnixMs),
    expiresAtUnixMs: Number(envelope.expiresAtUnixMs),
    caseReference: envelope.caseReference,
    inReplyTo: envelope.inReplyTo,
    traffic: trafficClassOf(envelope),
    drillId: envelope.drillId,
    keyId: envelope.keyId,
  };
}
