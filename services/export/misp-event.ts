// MISP events of what a node holds: one event per case reference (a message without one gets its
// own event), attributes per indicator, summary and hit, tags for TLP, Admiralty and exercise.
// Output is {"response":[{"Event":...}]}, the shape MISP's "Import from... MISP JSON" accepts for
// several events; each {"Event":...} in it validates against PyMISP's event schema.
import { ENUM_WORDS, v1, type CaseAlert, type HitNotice, type IntelligenceReport } from '../core/mod.ts';
import {
  credibilityDigit, identifierKindWord, reliabilityLetter, selectExportable, tlpOf, uuidV5,
  type ExportableMessage, type ExportOptions, type TlpName,
} from './export-model.ts';
import { indicatorsToExport } from './current-key-indicators.ts';
import { stateName } from './stix-objects.ts';
import { victimsInWords } from './victim-words.ts';

export type MispTag = { readonly name: string };

export interface MispAttribute {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly to_ids: boolean;
  readonly comment: string;
  readonly distribution: string;
  readonly timestamp: string;
  readonly deleted: boolean;
  readonly Tag: MispTag[];
}

export interface MispEvent {
  readonly uuid: string;
  readonly info: string;
  readonly date: string;
  readonly threat_level_id: string;
  readonly analysis: string;
  readonly distribution: string;
  readonly published: boolean;
  readonly timestamp: string;
  readonly Orgc: { readonly uuid: string; readonly name: string };
  readonly Attribute: MispAttribute[];
  readonly Tag: MispTag[];
}

export interface MispExport {
  readonly response: { readonly Event: MispEvent }[];
}

/** TLP → MISP distribution: CLEAR 3 (all communities), GREEN 1 (this community), AMBER, AMBER+STRICT and RED 0 (your organisation). */
export const MISP_DISTRIBUTION: Readonly<Record<TlpName, string>> = Object.freeze({ clear: '3', green: '1', amber: '0', 'amber+strict': '0', red: '0' });

const TLP_ORDER: readonly TlpName[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export function buildMispExport(all: readonly ExportableMessage[], options: ExportOptions): MispExport {
  const messages = selectExportable(all, options);
  const byId = new Map(messages.map((m) => [m.messageId, m]));
  const groups = new Map<string, ExportableMessage[]>();
  for (const message of messages) {
    const key = eventKey(message, byId);
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  return { response: [...groups.entries()].map(([key, group]) => ({ Event: mispEvent(key, group, options.ownState, byId) })) };
}

/** A hit notice joins the event of the message it is about; otherwise the case, or the message alone. */
function eventKey(message: ExportableMessage, byId: ReadonlyMap<string, ExportableMessage>): string {
  if (message.payload.name === 'hit-notice') {
    const target = byId.get(message.payload.message.yourMessageId);
    if (target) return eventKey(target, byId);
  }
  return message.caseReference ? `case:${message.caseReference}` : `message:${message.messageId}`;
}

function seconds(unixMs: number): string {
  return String(Math.floor(unixMs / 1000));
}

function mispEvent(key: string, group: readonly ExportableMessage[], ownState: string, byId: ReadonlyMap<string, ExportableMessage>): MispEvent {
  const tlp = TLP_ORDER[Math.max(...group.map((m) => TLP_ORDER.indexOf(tlpOf(m.handling))))] ?? 'amber';
  const first = group[0] as ExportableMessage;
  const latest = Math.max(...group.map((m) => Math.max(m.createdAtUnixMs, m.retraction?.atUnixMs ?? 0)));
  const drills = [...new Set(group.filter((m) => m.exercise).map((m) => m.drillId || 'exercise'))];
  return {
    uuid: uuidV5(`misp-event:${key}`),
    info: first.caseReference ? `tipnet case ${first.caseReference}` : `tipnet message ${first.messageId}`,
    date: new Date(first.createdAtUnixMs).toISOString().slice(0, 10),
    // Medium: tipnet messages carry no threat level of their own; analysts re-grade after import.
    threat_level_id: '2',
    // Ongoing: a case keeps receiving messages.
    analysis: '1',
    distribution: MISP_DISTRIBUTION[tlp],
    published: false,
    timestamp: seconds(latest),
    Orgc: { uuid: uuidV5(`misp-org:${ownState}`), name: stateName(ownState) },
    Attribute: group.flatMap((m) => messageAttributes(m, byId)),
    Tag: [{ name: `tlp:${tlp}` }, ...drills.map((drill) => ({ name: `exercise:tipnet-drill="${drill}"` }))],
  };
}

interface AttributeDraft {
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly toIds: boolean;
  readonly comment: string;
  readonly tags?: readonly string[];
}

function messageAttributes(message: ExportableMessage, byId: ReadonlyMap<string, ExportableMessage>): MispAttribute[] {
  const drafts = attributeDrafts(message, byId);
  const tlp = tlpOf(message.handling);
  return drafts.map((draft, index) => ({
    uuid: uuidV5(`misp-attribute:${message.messageId}:${index}`),
    type: draft.type, category: draft.category, value: draft.value, to_ids: draft.toIds,
    comment: `${draft.comment}${draft.comment ? ' ' : ''}[tipnet message ${message.messageId} from ${message.senderState}]`,
    distribution: MISP_DISTRIBUTION[tlp],
    timestamp: seconds(Math.max(message.createdAtUnixMs, message.retraction?.atUnixMs ?? 0)),
    // Retracted messages stay visible as deleted attributes, so an importer drops what it holds of them.
    deleted: message.retraction !== undefined,
    Tag: [`tlp:${tlp}`, ...(draft.tags ?? []), ...(message.exercise ? [`exercise:tipnet-drill="${message.drillId || 'exercise'}"`] : [])].map((name) => ({ name })),
  }));
}

function attributeDrafts(message: ExportableMessage, byId: ReadonlyMap<string, ExportableMessage>): AttributeDraft[] {
  switch (message.payload.name) {
    case 'intelligence-report': return reportDrafts(message.payload.message);
    case 'case-alert': return alertDrafts(message.payload.message);
    case 'hit-notice': return hitDrafts(message.payload.message, byId);
    default: return [];
  }
}

function admiraltyTags(report: IntelligenceReport): string[] {
  const reliability = reliabilityLetter(report.sourceReliability);
  const credibility = credibilityDigit(report.informationCredibility);
  return [
    ...(reliability ? [`admiralty-scale:source-reliability="${reliability.toLowerCase()}"`] : []),
    ...(credibility ? [`admiralty-scale:information-credibility="${credibility}"`] : []),
  ];
}

function reportDrafts(report: IntelligenceReport): AttributeDraft[] {
  const tags = admiraltyTags(report);
  const summary: AttributeDraft = { type: 'text', category: 'Other', value: [report.title, report.summary].filter(Boolean).join(': '), toIds: false, comment: 'Intelligence report summary.', tags };
  return [summary, ...indicatorsToExport(report.indicators).flatMap((indicator) => indicatorDrafts(indicator).map((d) => ({ ...d, tags })))];
}

const FINANCIAL_KINDS = new Set([v1.IdentifierKind.IDENTIFIER_KIND_BANK_ACCOUNT, v1.IdentifierKind.IDENTIFIER_KIND_E_WALLET, v1.IdentifierKind.IDENTIFIER_KIND_CRYPTO_WALLET]);
const SOCIAL_KINDS = new Set([v1.IdentifierKind.IDENTIFIER_KIND_PHONE, v1.IdentifierKind.IDENTIFIER_KIND_SOCIAL_HANDLE, v1.IdentifierKind.IDENTIFIER_KIND_EMAIL]);

/** Clear values only for URLs, social handles, companies and compounds, as in the STIX export; everything else keyed only. */
function indicatorDrafts(indicator: v1.IIndicator): AttributeDraft[] {
  const value = (indicator.value ?? '').trim();
  const note = [indicator.platform ? `Platform: ${indicator.platform}.` : '', indicator.note ?? ''].filter(Boolean).join(' ');
  const drafts: AttributeDraft[] = [];
  if (value) {
    switch (indicator.type) {
      case v1.IndicatorType.INDICATOR_TYPE_URL: drafts.push({ type: 'url', category: 'Network activity', value, toIds: true, comment: note }); break;
      case v1.IndicatorType.INDICATOR_TYPE_SOCIAL_HANDLE: drafts.push({ type: 'text', category: 'Social network', value, toIds: false, comment: `Social handle. ${note}`.trim() }); break;
      case v1.IndicatorType.INDICATOR_TYPE_COMPANY: drafts.push({ type: 'text', category: 'Attribution', value, toIds: false, comment: `Company. ${note}`.trim() }); break;
      case v1.IndicatorType.INDICATOR_TYPE_COMPOUND: drafts.push({ type: 'text', category: 'Other', value, toIds: false, comment: `Compound. ${note}`.trim() }); break;
      default: break;
    }
  }
  const keyed = indicator.keyed;
  if (keyed?.digest && keyed.digest.length > 0) {
    const kind = keyed.kind ?? 0;
    drafts.push({
      type: 'text',
      category: FINANCIAL_KINDS.has(kind) ? 'Financial fraud' : SOCIAL_KINDS.has(kind) ? 'Social network' : 'Other',
      value: Buffer.from(keyed.digest).toString('hex'), toIds: false,
      comment: `${identifierKindWord(kind)}: HMAC-SHA-256 under matching key ${keyed.hashKeyId ?? ''}, not a clear value.`,
    });
  }
  return drafts;
}

/** Victims as counts and words only; their keyed identifiers are never exported (see victim-words.ts). */
function alertDrafts(alert: CaseAlert): AttributeDraft[] {
  const kind = ENUM_WORDS.caseAlertKind.wordOf(alert.kind);
  const drafts: AttributeDraft[] = [
    { type: 'text', category: 'Other', value: alert.summary || '(no summary)', toIds: false, comment: `Case alert (${kind}) summary.` },
    { type: 'text', category: 'Other', value: victimsInWords(alert), toIds: false, comment: 'Victims: counts, age bands, genders and nationalities only.' },
  ];
  const place = alert.location;
  if (place && (place.placeName || place.hasCoordinates)) {
    const coordinates = place.hasCoordinates ? ` (${place.latitude}, ${place.longitude})` : '';
    drafts.push({ type: 'text', category: 'Other', value: `${place.placeName ?? ''}${coordinates}`.trim(), toIds: false, comment: `Location in ${place.state || 'unknown state'}.` });
  }
  return drafts;
}

function hitDrafts(hit: HitNotice, byId: ReadonlyMap<string, ExportableMessage>): AttributeDraft[] {
  if (!byId.has(hit.yourMessageId)) return [];
  const count = hit.matchedIdentifiers || 1;
  return [{
    type: 'text', category: 'Other', toIds: false, comment: `Hit ${hit.hitId}.`,
    value: `The hub matched ${count} ${identifierKindWord(hit.identifierKind)} identifier${count === 1 ? '' : 's'} of message ${hit.yourMessageId} `
      + `against a message held by ${stateName(hit.counterpartState)}; nothing of that message is exported.`,
  }];
}
