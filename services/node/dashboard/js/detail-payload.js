// The payload of one message, field by field in plain words. Identifiers appear only as their
// kinds and count: the node never holds a clear value, and the keyed hash is not for people.
import { el, facts } from './dom.js';
import { absoluteTime } from './dates.js';
import {
  admiraltyWords, channelWords, followUpWords, hitViaWords, identifierKindWords, identifiersWords, indicatorWords, kindWords, outcomeWords, permittedActionWords,
  requestedActionWords, roleWords, stateName, victimGroupWords,
} from './words.js';

/** Times arrive as ISO strings (submission vocabulary) or Unix ms. */
export const timeOf = (value) => (typeof value === 'string' ? Date.parse(value) : Number(value ?? 0));
/** A time field by its submission name ("expectedCompletion") or its contract name ("expectedCompletionUnixMs"). */
const timeField = (p, name) => timeOf(p[name] || p[`${name}UnixMs`]) || 0;
/** A word that says something: unset enums ("unspecified", '') say nothing. */
const said = (word) => (word && word !== 'unspecified' ? word : undefined);

/** The route's legs: a list in the submission vocabulary, `{ legs }` in the contract's. */
export const payloadRoute = (payload) => (Array.isArray(payload?.route) ? payload.route : payload?.route?.legs);

export function placeWords(place) {
  if (!place) return undefined;
  const coordinates = Number.isFinite(place.latitude) && Number.isFinite(place.longitude) && (place.latitude || place.longitude)
    ? ` (${Number(place.latitude).toFixed(3)}, ${Number(place.longitude).toFixed(3)})` : '';
  return `${[place.placeName, stateName(place.state)].filter(Boolean).join(', ')}${coordinates}`;
}

export function routeChips(route) {
  if (!route?.length) return el('p', { class: 'meta' }, 'No route given.');
  const order = { origin: 0, transit: 1, destination: 2 };
  const legs = [...route].sort((a, b) => order[a.role] - order[b.role]);
  return el('ol', { class: 'route', 'aria-label': 'Route' },
    legs.map((leg, index) => el('li', { class: 'leg' },
      index > 0 ? el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→ ') : undefined,
      leg.state, el('small', {}, `${roleWords(leg.role)}${leg.place ? ` · ${leg.place}` : ''}`))));
}

const list = (items, words) => (items?.length ? el('ul', { class: 'plain' }, items.map((item) => el('li', {}, words(item)))) : undefined);

function victims(groups) {
  if (!groups?.length) return undefined;
  const kinds = groups.flatMap((group) => (group.identifiers ?? []).map((id) => id.kind));
  const total = groups.reduce((sum, group) => sum + (group.count ?? 0), 0);
  return [
    ['Victims', el('div', {}, `${total} ${total === 1 ? 'person' : 'persons'} in ${groups.length} ${groups.length === 1 ? 'group' : 'groups'}`, list(groups, victimGroupWords))],
    ['Identifiers', identifiersWords(kinds)],
  ];
}

function caseAlertFacts(p) {
  return [
    ...(victims(p.victims) ?? []),
    ['Compound or last known location', p.location?.state ? placeWords(p.location) : undefined],
    ['Recruited through', said(p.recruitmentChannel) ? `${channelWords(p.recruitmentChannel)}${p.recruitmentPlatform ? ` (${p.recruitmentPlatform})` : ''}` : undefined],
    ['Requested actions', list(p.requestedActions, requestedActionWords)],
  ];
}

function indicatorItem(indicator) {
  const value = indicator.keyed || indicator.shareAs === 'keyed' ? 'value kept as a keyed hash, for matching only' : indicator.value;
  const first = timeField(indicator, 'firstSeen');
  const last = timeField(indicator, 'lastSeen');
  const seen = [first && `first seen ${absoluteTime(first)}`, last && `last seen ${absoluteTime(last)}`].filter(Boolean);
  return [
    `${indicatorWords(indicator.type)}: ${value}`,
    indicator.platform ? ` on ${indicator.platform}` : '',
    indicator.location?.state ? `; last known at ${placeWords(indicator.location)}` : '',
    seen.length ? `; ${seen.join(', ')}` : '',
    indicator.note ? `. ${indicator.note}` : '',
  ].join('');
}

function reportFacts(p) {
  return [
    ['Title', p.title],
    ['Summary', p.summary],
    ['Grading', admiraltyWords(p.sourceReliability, p.informationCredibility)],
    ['Indicators', list(p.indicators, indicatorItem)],
    ['Permitted actions', p.permittedActions?.length ? list(p.permittedActions, permittedActionWords) : 'None stated: ask the sender before acting'],
    ['Related cases', p.relatedCaseReferences?.join(', ')],
  ];
}

function requestFacts(p, detail) {
  return [
    ['Follows up', followUpWords(p.followsUpHitId, detail?.followsUpHit)],
    ['Assistance wanted', said(p.kind) ? kindWords(p.kind) : undefined],
    ['Asked of', stateName(p.requestedState)],
    ['Persons', p.personsCount ? String(p.personsCount) : undefined],
    ['Identifiers', p.identifiers?.length ? identifiersWords(p.identifiers.map((id) => id.kind)) : undefined],
    ['Location', p.location?.state ? placeWords(p.location) : undefined],
  ];
}

function responseFacts(p) {
  return [
    ['Outcome', outcomeWords(p.outcome)],
    ['Summary', p.summary],
    ['Persons assisted', p.personsAssisted ? String(p.personsAssisted) : undefined],
    ['Expected completion', timeField(p, 'expectedCompletion') ? absoluteTime(timeField(p, 'expectedCompletion')) : undefined],
  ];
}

function hitFacts(p) {
  return [
    ['Counterpart state', stateName(p.counterpartState)],
    ['How it matched', hitViaWords({ via: p.fromQuery ? 'query-by-them' : 'report', identifierKind: p.identifierKind, matchedIdentifiers: p.matchedIdentifiers })],
    ['Hit id', p.hitId],
    ['Identifier that matched', said(p.identifierKind) ? identifierKindWords(p.identifierKind) : undefined],
    ['Identifiers matched', p.matchedIdentifiers !== undefined ? String(p.matchedIdentifiers) : undefined],
    ['Your message', p.yourMessageId],
    ['Detected', timeField(p, 'detectedAt') ? absoluteTime(timeField(p, 'detectedAt')) : undefined],
  ];
}

function queryAnswerFacts(p) {
  const results = Array.isArray(p.results) ? p.results : [];
  const answer = (result) => `#${Number(result.index ?? 0) + 1} ${identifierKindWords(result.identifierKind)}: ${result.hit
    ? `hit, held by ${(result.hits ?? []).map((hit) => `${stateName(hit.counterpartState)} (hit ${hit.hitId})`).join(', ')}` : 'no hit'}`;
  return [
    ['Query', p.queryMessageId],
    ['Answer', results.length ? list(results, answer) : undefined],
  ];
}

function retractionFacts(p) {
  return [
    ['Retraction', p.kind === 'correct' ? 'Correction: replaced by another message' : 'Withdrawal: disregard the message'],
    ['Reason', p.reason],
    ['Message retracted', p.retractedMessageId],
    ['Replacement', p.replacementMessageId],
  ];
}

const BY_PAYLOAD = {
  'case-alert': caseAlertFacts, 'intelligence-report': reportFacts, 'assistance-request': requestFacts,
  'assistance-response': responseFacts, 'hit-notice': hitFacts, retraction: retractionFacts, 'hit-query-answer': queryAnswerFacts,
};

/** The facts of the payload; with only a summary (older node), what the summary holds. */
export function payloadFacts(detail) {
  const name = detail.payloadName ?? detail.summary.payloadName;
  if (detail.payload && BY_PAYLOAD[name]) return facts(BY_PAYLOAD[name](detail.payload, detail), { class: 'facts payload' });
  const s = detail.summary;
  return facts([
    ['Persons', s.victimCount ? String(s.victimCount) : undefined],
    ['Identifiers', identifiersWords([], s.identifierCount)],
    ['Location', s.locationName],
    ['Asked of', s.requestedState ? stateName(s.requestedState) : undefined],
    ['Related message', s.relatedMessageId],
  ], { class: 'facts payload' });
}

/** Places with coordinates the payload names: the compound, a request's location, indicators' last-known places. */
export function locatedPlaces(detail) {
  const p = detail.payload ?? {};
  return [
    p.location?.state ? { ...p.location, role: 'compound' } : undefined,
    ...(p.indicators ?? []).map((indicator) => (indicator.location?.state ? indicator.location : undefined)),
  ].filter(Boolean);
}
