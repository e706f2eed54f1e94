// A STIX 2.1 bundle of what a node holds: a report and note per intelligence report and case
// alert, indicators for clear values, observed keyed identifiers for hashes, locations, and
// sightings for hit notices. Ids are UUIDv5 of message id and object role, and every timestamp
// comes from the messages, so a re-export is byte-identical.
import { createHash } from 'node:crypto';
import { ENUM_WORDS, v1, type CaseAlert, type HitNotice, type IntelligenceReport } from '../core/mod.ts';
import {
  credibilityDigit, identifierKindWord, isoTime, reliabilityLetter, selectExportable, stixConfidence, tlpOf, uuidV5,
  type ExportableMessage, type ExportOptions, type TlpName,
} from './export-model.ts';
import {
  identityId, identityObject, keyedIdentifierExtension, keyedIdentifierObject, locationObject, messageCommon, ownUseStatement,
  patternFor, relationshipObject, stateName, stixId, KEYED_IDENTIFIER_TYPE, type StixObject,
} from './stix-objects.ts';
import { indicatorsToExport } from './current-key-indicators.ts';
import { tlpMarkingObject } from './tlp-markings.ts';
import { victimsInWords } from './victim-words.ts';

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: StixObject[];
}

interface Parts {
  readonly objects: StixObject[];
  readonly states: Set<string>;
}

export function buildStixBundle(all: readonly ExportableMessage[], options: ExportOptions): StixBundle {
  const messages = selectExportable(all, options);
  const exportedIds = new Set(messages.map((m) => m.messageId));
  const parts: Parts = { objects: [], states: new Set([options.ownState]) };
  for (const message of messages) {
    parts.states.add(message.senderState);
    parts.objects.push(...messageObjects(message, options.ownState, exportedIds, parts.states));
  }
  const objects = [...definitionObjects(messages, options.ownState, parts), ...parts.objects];
  const digest = createHash('sha256').update(JSON.stringify(objects)).digest('hex');
  return { type: 'bundle', id: `bundle--${uuidV5(`bundle:${digest}`)}`, objects };
}

/** Markings, the keyed-identifier extension and identities: once each, before the objects using them. */
function definitionObjects(messages: readonly ExportableMessage[], ownState: string, parts: Parts): StixObject[] {
  const used = new Set<TlpName>(['clear', ...messages.map((m) => tlpOf(m.handling))]);
  const markings = (['clear', 'green', 'amber', 'amber+strict', 'red'] as const).filter((t) => used.has(t)).map(tlpMarkingObject) as StixObject[];
  if (used.has('red')) markings.push(ownUseStatement(ownState));
  const needsExtension = parts.objects.some((o) => o.type === KEYED_IDENTIFIER_TYPE);
  if (needsExtension) parts.states.add('HUB');
  const identities = [...parts.states].sort().map(identityObject);
  return [...markings, ...(needsExtension ? [keyedIdentifierExtension()] : []), ...identities];
}

function messageObjects(message: ExportableMessage, ownState: string, exportedIds: ReadonlySet<string>, states: Set<string>): StixObject[] {
  const common = messageCommon(message, ownState);
  switch (message.payload.name) {
    case 'intelligence-report': return reportObjects(message, message.payload.message, common);
    case 'case-alert': return alertObjects(message, message.payload.message, common);
    case 'hit-notice': return sightingObjects(message, message.payload.message, common, exportedIds, states);
    default: return [];
  }
}

function reportObjects(message: ExportableMessage, report: IntelligenceReport, common: Record<string, unknown>): StixObject[] {
  const id = (role: string) => `${message.messageId}:${role}`;
  const validUntil = isoTime(message.expiresAtUnixMs);
  const children = indicatorsToExport(report.indicators).flatMap((indicator, index) => indicatorObjects(indicator, index, { id, common, validUntil }));
  const reliability = reliabilityLetter(report.sourceReliability);
  const credibility = credibilityDigit(report.informationCredibility);
  const confidence = stixConfidence(report.informationCredibility);
  const labels = [...((common.labels as string[] | undefined) ?? [])];
  if (reliability) labels.push(`admiralty:${reliability}`);
  if (credibility) labels.push(`admiralty:${credibility}`);
  const reportObject: StixObject = {
    type: 'report', id: stixId('report', id('report')), ...common,
    name: report.title || `Intelligence report ${message.messageId}`,
    report_types: ['threat-report'], published: common.created,
    object_refs: [common.created_by_ref, ...children.map((c) => c.id)],
    ...(labels.length > 0 ? { labels } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    ...(reliability ? { x_tipnet_source_reliability: reliability } : {}),
    ...(credibility ? { x_tipnet_information_credibility: credibility } : {}),
    ...messageProps(message),
  };
  const note = noteObject(id('note'), report.title, report.summary, reportObject.id, common);
  return [reportObject, note, ...children];
}

function messageProps(message: ExportableMessage): Record<string, unknown> {
  return {
    x_tipnet_message_id: message.messageId,
    ...(message.caseReference ? { x_tipnet_case_reference: message.caseReference } : {}),
  };
}

function noteObject(name: string, abstract: string, content: string, ref: string, common: Record<string, unknown>): StixObject {
  return {
    type: 'note', id: stixId('note', name), ...common,
    ...(abstract ? { abstract } : {}), content: content || '(no summary)', object_refs: [ref],
  };
}

interface IndicatorContext {
  readonly id: (role: string) => string;
  readonly common: Record<string, unknown>;
  readonly validUntil: string;
}

function indicatorObjects(indicator: v1.IIndicator, index: number, context: IndicatorContext): StixObject[] {
  const { id, common } = context;
  const objects: StixObject[] = [];
  const place = locationObject(stixId('location', id(`location:${index}`)), indicator.location, common,
    indicator.type === v1.IndicatorType.INDICATOR_TYPE_COMPOUND ? indicator.value ?? '' : undefined);
  const pattern = patternFor(indicator);
  if (pattern) objects.push(clearIndicator(stixId('indicator', id(`indicator:${index}`)), indicator, pattern, context));
  if (indicator.type === v1.IndicatorType.INDICATOR_TYPE_COMPANY && indicator.value) {
    objects.push({ type: 'identity', id: stixId('identity', id(`company:${index}`)), ...common, name: indicator.value, identity_class: 'organization', ...(indicator.note ? { description: indicator.note } : {}) });
  }
  if (indicator.keyed?.digest && indicator.keyed.digest.length > 0) objects.push(...observedKeyed(indicator, index, id, common));
  if (place) {
    for (const source of objects.filter((o) => o.type !== KEYED_IDENTIFIER_TYPE)) objects.push(relationshipObject(source.id, place.id, 'related-to', common));
    objects.push(place);
  }
  return objects;
}

/** valid_until is the message's expiry, left out when it is not after valid_from (STIX requires it later). */
function clearIndicator(stixIdValue: string, indicator: v1.IIndicator, pattern: string, context: IndicatorContext): StixObject {
  const { common } = context;
  const validFrom = String(common.created);
  const expires = context.validUntil;
  const description = [indicator.platform ? `Platform: ${indicator.platform}.` : '', indicator.note ?? ''].filter(Boolean).join(' ');
  return {
    type: 'indicator', id: stixIdValue, ...common,
    name: indicator.value ?? '', indicator_types: ['malicious-activity'],
    pattern, pattern_type: 'stix', valid_from: validFrom,
    ...(expires && Date.parse(expires) > Date.parse(validFrom) ? { valid_until: expires } : {}),
    ...(description ? { description } : {}),
  };
}

/** The keyed hash as the custom SCO, seen in an observed-data: a hash is evidence, not a pattern to match. */
function observedKeyed(indicator: v1.IIndicator, index: number, id: (role: string) => string, common: Record<string, unknown>): StixObject[] {
  const keyed = indicator.keyed as v1.IKeyedIdentifier;
  const sco = keyedIdentifierObject(`${KEYED_IDENTIFIER_TYPE}--${uuidV5(id(`keyed:${index}`))}`, keyed);
  const first = Number(indicator.firstSeenUnixMs ?? 0) || Date.parse(String(common.created));
  const last = Math.max(Number(indicator.lastSeenUnixMs ?? 0) || first, first);
  const observed: StixObject = {
    type: 'observed-data', id: stixId('observed-data', id(`observed:${index}`)), ...common,
    first_observed: isoTime(first), last_observed: isoTime(last), number_observed: 1, object_refs: [sco.id],
    x_tipnet_identifier_kind: identifierKindWord(keyed.kind ?? 0),
  };
  return [observed, sco];
}

/**
 * Case alerts: a report, a note with the summary and the victims in words, and the location.
 * Victims' keyed identifiers are NOT exported at all: they identify people (victims), not threat
 * indicators, and a hash under a shared key is still a personal identifier to whoever holds the key.
 */
function alertObjects(message: ExportableMessage, alert: CaseAlert, common: Record<string, unknown>): StixObject[] {
  const id = (role: string) => `${message.messageId}:${role}`;
  const place = locationObject(stixId('location', id('location')), alert.location, common);
  const kind = ENUM_WORDS.caseAlertKind.wordOf(alert.kind);
  const reportObject: StixObject = {
    type: 'report', id: stixId('report', id('report')), ...common,
    name: `Case alert (${kind})${message.caseReference ? ` ${message.caseReference}` : ''}`,
    description: victimsInWords(alert), report_types: ['threat-report'], published: common.created,
    object_refs: [common.created_by_ref, ...(place ? [place.id] : [])],
    ...messageProps(message),
  };
  const channel = alert.recruitmentChannel ? ENUM_WORDS.recruitmentChannel.wordOf(alert.recruitmentChannel) : '';
  const content = [alert.summary, victimsInWords(alert), channel ? `Recruitment channel: ${channel}${alert.recruitmentPlatform ? ` (${alert.recruitmentPlatform})` : ''}.` : '']
    .filter(Boolean).join('\n\n');
  return [reportObject, noteObject(id('note'), reportObject.name as string, content, reportObject.id, common), ...(place ? [place] : [])];
}

/** A hit notice as a sighting of the own report, seen at the counterpart state: counts only, nothing of theirs. */
function sightingObjects(
  message: ExportableMessage, hit: HitNotice, common: Record<string, unknown>, exportedIds: ReadonlySet<string>, states: Set<string>,
): StixObject[] {
  if (!exportedIds.has(hit.yourMessageId) || !hit.counterpartState) return [];
  states.add(hit.counterpartState);
  const count = hit.matchedIdentifiers || 1;
  const kind = identifierKindWord(hit.identifierKind);
  return [{
    type: 'sighting', id: stixId('sighting', `${message.messageId}:sighting`), ...common,
    sighting_of_ref: stixId('report', `${hit.yourMessageId}:report`),
    where_sighted_refs: [identityId(hit.counterpartState)],
    count, ...(hit.detectedAtUnixMs ? { first_seen: isoTime(Number(hit.detectedAtUnixMs)) } : {}),
    description: `The hub matched ${count} ${kind} identifier${count === 1 ? '' : 's'} of this message against a message held by ${stateName(hit.counterpartState)}`
      + `${hit.fromQuery ? ' (in answer to a hit query)' : ''}. Nothing of ${hit.counterpartState}'s message is exported.`,
    x_tipnet_hit_id: hit.hitId,
  }];
}
