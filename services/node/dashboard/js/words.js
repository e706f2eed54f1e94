// Plain words for the contract's vocabulary: what an officer reads instead of enum constants.
// Pure and DOM-free, so Node's test runner checks them too.

const KIND_WORDS = Object.freeze({
  'rescue-request': 'Rescue request', 'missing-person': 'Missing person', 'suspected-recruitment': 'Suspected recruitment',
  'compound-location': 'Compound location', 'repatriation-notice': 'Repatriation notice', 'border-watch': 'Border watch',
  'case-alert': 'Case alert', 'intelligence-report': 'Intelligence report', 'assistance-request': 'Assistance request',
  'assistance-response': 'Answer to a request', acknowledgement: 'Acknowledgement', retraction: 'Retraction',
  'hit-notice': 'Hit notice', 'drill-control': 'Drill control', 'hit-query': 'Hit/no-hit query', 'hit-query-answer': 'Answer to a hit/no-hit query',
  // Assistance kinds
  rescue: 'Rescue', repatriation: 'Repatriation', shelter: 'Shelter', 'financial-freeze': 'Freeze of funds',
  information: 'Information', 'victim-identification': 'Victim identification',
});

const PRIORITY_WORDS = Object.freeze({ immediate: 'Immediate', urgent: 'Urgent', routine: 'Routine' });

/** TLP 2.0: the mark and what it lets a recipient do with the message. */
const HANDLING = Object.freeze({
  clear: { mark: 'TLP:CLEAR', permits: 'Recipients may share it without limit.' },
  green: { mark: 'TLP:GREEN', permits: 'Recipients may share it within their community, but not publicly.' },
  amber: { mark: 'TLP:AMBER', permits: 'Recipients may share it only on a need-to-know basis, within their own organisation and its clients.' },
  'amber-strict': { mark: 'TLP:AMBER+STRICT', permits: 'Recipients may share it only on a need-to-know basis, within their own organisation.' },
  red: { mark: 'TLP:RED', permits: 'For the named recipients only: not to be shared with anyone else.' },
});

const OUTCOME_WORDS = Object.freeze({
  accepted: 'Accepted', 'in-progress': 'In progress', completed: 'Completed', declined: 'Declined',
  'needs-information': 'Needs more information', delayed: 'Delayed, with reason',
});

const REQUESTED_ACTION_WORDS = Object.freeze({
  rescue: 'Rescue', locate: 'Locate', shelter: 'Shelter', repatriate: 'Repatriate', 'border-watch': 'Watch the border',
  'financial-freeze': 'Freeze funds', investigate: 'Investigate', 'take-down-content': 'Take down content',
  'victim-identification': 'Identify victims', reintegration: 'Reintegration',
});

const PERMITTED_ACTION_WORDS = Object.freeze({
  'share-with-law-enforcement': 'May be shared with law enforcement', 'share-with-financial-unit': 'May be shared with the financial intelligence unit',
  'share-with-platforms': 'May be shared with online platforms', 'act-without-consultation': 'May be acted on without consulting the sender',
  'use-as-evidence': 'May be used as evidence',
});

const AGE_BAND_WORDS = Object.freeze({
  'under-18': 'under 18 (children)', '18-24': '18 to 24', '25-34': '25 to 34', '35-49': '35 to 49', '50-and-over': '50 and over', unknown: 'age unknown',
});

const SEX_WORDS = Object.freeze({ female: 'female', male: 'male', other: 'other', unknown: 'sex unknown' });

const INDICATOR_WORDS = Object.freeze({
  'phone-number': 'Phone number', 'social-handle': 'Social media account', url: 'Web address', company: 'Company',
  compound: 'Compound', 'bank-account': 'Bank account', 'e-wallet': 'E-wallet', 'crypto-wallet': 'Crypto wallet',
});

const IDENTIFIER_WORDS = Object.freeze({
  passport: 'passport', phone: 'phone', 'national-id': 'national ID', 'bank-account': 'bank account', 'e-wallet': 'e-wallet',
  email: 'email', 'social-handle': 'social media account', 'crypto-wallet': 'crypto wallet',
});

const CHANNEL_WORDS = Object.freeze({
  'social-media': 'Social media', 'messaging-app': 'Messaging app', 'job-portal': 'Job portal',
  'recruitment-agency': 'Recruitment agency', 'personal-contact': 'Personal contact', other: 'Other', unknown: 'Unknown',
});

const STAGE_WORDS = Object.freeze({
  pending: 'not delivered yet', delivered: 'delivered', read: 'read', actioned: 'actioned', answered: 'answered', rejected: 'refused by the hub',
});

const ROLE_WORDS = Object.freeze({ origin: 'Origin', transit: 'Transit', destination: 'Destination', sender: 'Sender' });

/** The Admiralty (NATO) grading: source reliability A-F and information credibility 1-6. */
export const SOURCE_RELIABILITY = Object.freeze({
  A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable', D: 'not usually reliable', E: 'unreliable', F: 'reliability cannot be judged',
});
export const INFORMATION_CREDIBILITY = Object.freeze({
  1: 'confirmed by other sources', 2: 'probably true', 3: 'possibly true', 4: 'doubtful', 5: 'improbable', 6: 'truth cannot be judged',
});

/** The ASEAN member states by their codes, for people who do not read ISO codes. */
export const STATE_NAMES = Object.freeze({
  BRN: 'Brunei Darussalam', KHM: 'Cambodia', IDN: 'Indonesia', LAO: 'Lao PDR', MYS: 'Malaysia', MMR: 'Myanmar',
  PHL: 'Philippines', SGP: 'Singapore', THA: 'Thailand', TLS: 'Timor-Leste', VNM: 'Viet Nam', HUB: 'the hub',
});

/** "in-progress" -> "In progress" when no table knows the word: never a raw constant on screen. */
function fallbackWords(word) {
  const text = String(word ?? '').replace(/^[A-Z_]+?_(?=[A-Z])/, '').replace(/[-_]+/g, ' ').trim().toLowerCase();
  return text ? text[0].toUpperCase() + text.slice(1) : '—';
}

const lookup = (table) => (word) => table[word] ?? fallbackWords(word);

export const kindWords = lookup(KIND_WORDS);
export const priorityWords = lookup(PRIORITY_WORDS);
export const outcomeWords = lookup(OUTCOME_WORDS);
export const requestedActionWords = lookup(REQUESTED_ACTION_WORDS);
export const permittedActionWords = lookup(PERMITTED_ACTION_WORDS);
export const indicatorWords = lookup(INDICATOR_WORDS);
export const channelWords = lookup(CHANNEL_WORDS);
export const stageWords = lookup(STAGE_WORDS);
export const roleWords = lookup(ROLE_WORDS);
export const ageBandWords = (band) => AGE_BAND_WORDS[band] ?? fallbackWords(band);
export const sexWords = (sex) => SEX_WORDS[sex] ?? fallbackWords(sex);
export const identifierKindWords = (kind) => IDENTIFIER_WORDS[kind] ?? fallbackWords(kind).toLowerCase();

export const stateName = (code) => (STATE_NAMES[code] ? `${STATE_NAMES[code]} (${code})` : code || '—');

export const handlingMark = (handling) => HANDLING[handling]?.mark ?? `TLP:${String(handling).toUpperCase()}`;
export const handlingPermits = (handling) => HANDLING[handling]?.permits ?? 'Handling not stated: treat as TLP:AMBER.';

/** "B2: usually reliable, probably true" (reliability as a letter, credibility as 1-6). */
export function admiraltyWords(reliability, credibility) {
  const letter = String(reliability ?? '').toUpperCase();
  const number = Number(credibility);
  const source = SOURCE_RELIABILITY[letter];
  const information = INFORMATION_CREDIBILITY[number];
  if (!source || !information) return 'Not graded';
  return `${letter}${number}: ${source}, ${information}`;
}

/** "2 identifiers: passport, phone (kept as keyed hashes)"; kinds may be unknown (count only). */
export function identifiersWords(kinds, count = kinds.length) {
  if (!count) return 'No identifiers';
  const noun = count === 1 ? 'identifier' : 'identifiers';
  const named = kinds.length ? `: ${kinds.map(identifierKindWords).join(', ')}` : '';
  return `${count} ${noun}${named} (kept as keyed hashes)`;
}

/** "3 persons, 18 to 24, male, Indonesia (IDN)": a victim group without any identifier value. */
export function victimGroupWords(group) {
  const persons = `${group.count} ${group.count === 1 ? 'person' : 'persons'}`;
  return [persons, ageBandWords(group.ageBand), sexWords(group.gender), `nationality ${stateName(group.nationality)}`].join(', ');
}

/** What "Withdrawn" says wherever a withdrawn message appears. */
export const withdrawnWords = (withdrawal) => `Withdrawn: ${withdrawal.reason || 'no reason given'}`;

/** The line a person reads first; the hub's hit notice headline "hit with IDN on 2 identifier(s)" in plain words. */
export function headlineWords(summary) {
  const hit = summary.payloadName === 'hit-notice' ? /^hit with ([A-Z]{3}) on (\d+) identifier/.exec(summary.headline ?? '') : null;
  if (hit) return `A match with ${stateName(hit[1])} on ${hit[2]} ${hit[2] === '1' ? 'identifier' : 'identifiers'}`;
  return summary.headline || kindWords(summary.kind);
}

/** How a hit linked a case to another state, from this state's side: "their report matched our phone (1 identifier)". */
export function hitViaWords(counterpart) {
  const kind = identifierKindWords(counterpart.identifierKind ?? 'identifier');
  const count = counterpart.matchedIdentifiers ? ` (${counterpart.matchedIdentifiers} ${counterpart.matchedIdentifiers === 1 ? 'identifier' : 'identifiers'})` : '';
  if (counterpart.via === 'query-by-them') return `their query matched our ${kind}`;
  if (counterpart.via === 'query-by-us') return `our query matched their ${kind}${count}`;
  return `their report matched our ${kind}${count}`;
}

/** "3f2a9c1e…" of "hit-3f2a9c1e7b4d6a80": enough to tell hits apart; the full id is in its title. */
export const shortHitId = (hitId) => {
  const bare = String(hitId).replace(/^hit-/, '');
  return bare.length > 8 ? `${bare.slice(0, 8)}…` : bare;
};

/** "Follows up hit 3f2a…: Thailand (THA): their report matched our identifier (our message …, case IDN-2026-000321)". */
export function followUpWords(hitId, hit) {
  if (!hitId) return undefined;
  if (!hit) return `Hit ${hitId} (not a hit this state was told of)`;
  const ours = hit.ourMessageId ? ` (our message ${hit.ourMessageId}${hit.ourCaseReference ? `, case ${hit.ourCaseReference}` : ''})` : '';
  return `Hit ${hitId}: ${stateName(hit.counterpartState)}: ${hitViaWords(hit)}${ours}`;
}
