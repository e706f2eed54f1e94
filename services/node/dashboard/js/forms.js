// The officer's forms: answer a request; compose a case alert, an intelligence report, an
// assistance request (also "request the detail behind this hit"); withdraw or correct. Each
// builds the submission JSON of examples/*.json and checks it in the form's own words first.
import { buildForm } from './form-kit.js';
import { localInputToIso } from './dates.js';
import { session } from './session.js';
import { kindWords, outcomeWords, permittedActionWords, requestedActionWords, SOURCE_RELIABILITY, INFORMATION_CREDIBILITY, indicatorWords, STATE_NAMES } from './words.js';

const STATE_CODE = /^[A-Z]{3}$/;
const CASE_REFERENCE = /^[A-Z]{3}-[A-Za-z0-9-]{1,60}$/;
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const options = (words, list) => list.map((value) => [value, words(value)]);
const HANDLING_OPTIONS = [['amber', 'TLP:AMBER — need to know, within the recipient organisations'], ['amber-strict', 'TLP:AMBER+STRICT — within the recipient organisation only'], ['red', 'TLP:RED — named recipients only'], ['green', 'TLP:GREEN — the community'], ['clear', 'TLP:CLEAR — no limit']];
const PRIORITY_OPTIONS = [['urgent', 'Urgent'], ['immediate', 'Immediate'], ['routine', 'Routine']];
const STATE_OPTIONS = [['', 'Choose a state'], ...Object.entries(STATE_NAMES).filter(([code]) => code !== 'HUB').map(([code, name]) => [code, `${name} (${code})`])];
const OUTCOMES = ['accepted', 'in-progress', 'completed', 'declined', 'needs-information', 'delayed'];

const common = (values, extra = {}) => ({
  senderUnit: session.caller?.unit ?? '', handling: values.handling, priority: values.priority,
  ...(values.caseReference ? { caseReference: values.caseReference } : {}),
  ...extra,
});
const states = (text) => (text ?? '').split(/[\s,]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
const number = (text) => (text === '' || text === undefined ? undefined : Number(text));
const drop = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)));

function required(values, problems, fields) {
  for (const [path, words] of fields) if (!values[path]) problems.push({ path, message: `Please give ${words}.` });
}
function checkCase(values, problems, needed) {
  if (!values.caseReference) { if (needed) problems.push({ path: 'caseReference', message: 'Please give the case reference, e.g. IDN-2026-000123.' }); return; }
  if (!CASE_REFERENCE.test(values.caseReference)) problems.push({ path: 'caseReference', message: 'A case reference looks like IDN-2026-000123: a state code, a dash, then letters, digits or dashes.' });
}
function checkFuture(values, problems, path, words) {
  if (!values[path]) return;
  const iso = localInputToIso(values[path]);
  if (!iso) problems.push({ path, message: `${words} is not a date and time.` });
  else if (Date.parse(iso) <= Date.now()) problems.push({ path, message: `${words} must be in the future.` });
}
function checkCount(values, problems, path, words, minimum = 0) {
  if (values[path] === '' || values[path] === undefined) return;
  const n = Number(values[path]);
  if (!Number.isInteger(n) || n < minimum) problems.push({ path, message: `${words} must be a whole number of at least ${minimum}.` });
}

// --- Distribution: to whom the message goes --------------------------------------------------
const distributionFields = (defaults = {}) => [
  { name: 'distribution.mode', label: 'Send to', type: 'select', value: defaults.mode ?? 'route-roles', options: [['route-roles', 'The states on the route (by their role)'], ['named', 'Named states'], ['regional-broadcast', 'Every member state']] },
  { name: 'distribution.routeRoles', label: 'Route roles that receive it', type: 'checks', value: defaults.routeRoles ?? ['transit', 'destination'], options: [['origin', 'Origin'], ['transit', 'Transit'], ['destination', 'Destination']] },
  { name: 'distribution.states', label: 'Named states (codes, comma separated)', type: 'text', value: defaults.states ?? '', hint: 'For "Named states", e.g. KHM, THA' },
];
function distributionOf(values) {
  if (values['distribution.mode'] === 'named') return { mode: 'named', states: states(values['distribution.states']) };
  if (values['distribution.mode'] === 'regional-broadcast') return { mode: 'regional-broadcast' };
  return { mode: 'route-roles', routeRoles: values['distribution.routeRoles'] ?? [] };
}
function checkDistribution(values, problems) {
  const mode = values['distribution.mode'];
  if (mode === 'named') {
    const list = states(values['distribution.states']);
    if (!list.length) problems.push({ path: 'distribution.states', message: 'Name at least one state to send to.' });
    for (const code of list) if (!STATE_CODE.test(code)) problems.push({ path: 'distribution.states', message: `"${code}" is not a three-letter state code.` });
  }
  if (mode === 'route-roles' && !values['distribution.routeRoles']?.length) problems.push({ path: 'distribution.routeRoles', message: 'Tick at least one route role.' });
  // The hub's rule, said before sending: a RED message goes to named states only.
  if (values.handling === 'red' && mode !== 'named') problems.push({ path: 'distribution.mode', message: 'TLP:RED goes to named states only: choose "Named states".' });
}
const markingFields = (defaults = {}) => [
  { name: 'handling', label: 'Handling (TLP)', type: 'select', value: defaults.handling ?? 'amber', options: HANDLING_OPTIONS },
  { name: 'priority', label: 'Priority', type: 'select', value: defaults.priority ?? 'urgent', options: PRIORITY_OPTIONS },
];
const exerciseOf = (summary) => (summary?.traffic === 'exercise' && summary.drillId ? { exercise: { drillId: summary.drillId } } : {});

// --- Answer an assistance or rescue request ---------------------------------------------------
export function answerForm(request, callbacks) {
  const { summary } = request;
  return buildForm({
    title: `Answer: ${kindWords(summary.kind)} from ${summary.sender}`,
    intro: 'The answer goes to the requesting state only. "In progress" and "Needs more information" do not stop the requester\'s clock; "Delayed" moves the deadline to the expected completion you give.',
    submitLabel: 'Send the answer',
    sentText: 'Answer sent.',
    fields: [
      { name: 'payload.outcome', label: 'Outcome', type: 'select', value: 'accepted', options: options(outcomeWords, OUTCOMES) },
      { name: 'payload.summary', label: 'Summary', type: 'textarea', hint: 'What was done, or why not. Required for Declined, Needs more information and Delayed.' },
      { name: 'payload.personsAssisted', label: 'Persons assisted', type: 'number' },
      { name: 'payload.expectedCompletion', label: 'Expected completion', type: 'datetime', hint: 'Your local time. Required for Delayed.' },
    ],
    check(values) {
      const problems = [];
      const outcome = values['payload.outcome'];
      if (['declined', 'needs-information', 'delayed'].includes(outcome) && !values['payload.summary']) {
        problems.push({ path: 'payload.summary', message: outcome === 'delayed' ? 'Say why the answer is delayed.' : `Say why (${outcomeWords(outcome)}).` });
      }
      if (outcome === 'delayed' && !values['payload.expectedCompletion']) problems.push({ path: 'payload.expectedCompletion', message: 'Give the new expected completion.' });
      checkFuture(values, problems, 'payload.expectedCompletion', 'The expected completion');
      checkCount(values, problems, 'payload.personsAssisted', 'Persons assisted');
      return problems;
    },
    build: (values) => ({
      type: 'assistance-response', senderUnit: session.caller?.unit ?? '',
      distribution: { mode: 'named', states: [summary.sender] }, handling: summary.handling, priority: summary.priority,
      ...(summary.caseReference ? { caseReference: summary.caseReference } : {}), inReplyTo: request.messageId, ...exerciseOf(summary),
      payload: drop({
        requestMessageId: request.messageId, outcome: values['payload.outcome'], summary: values['payload.summary'] || undefined,
        personsAssisted: number(values['payload.personsAssisted']), expectedCompletion: values['payload.expectedCompletion'] ? localInputToIso(values['payload.expectedCompletion']) : undefined,
      }),
    }),
    ...callbacks,
  });
}

// --- Case alert ---------------------------------------------------------------------------------
const ALERT_KINDS = ['rescue-request', 'missing-person', 'suspected-recruitment', 'compound-location', 'repatriation-notice', 'border-watch'];
const REQUESTED_ACTIONS = ['rescue', 'locate', 'shelter', 'repatriate', 'border-watch', 'financial-freeze', 'investigate', 'take-down-content', 'victim-identification', 'reintegration'];

export function caseAlertForm(callbacks) {
  return buildForm({
    title: 'New case alert', submitLabel: 'Send the alert', sentText: 'Alert sent.',
    fields: [
      { name: 'caseReference', label: 'Case reference', type: 'text', required: true, value: `${session.node}-` },
      { name: 'payload.kind', label: 'Kind of alert', type: 'select', value: 'rescue-request', options: options(kindWords, ALERT_KINDS) },
      ...markingFields({ priority: 'immediate' }),
      { name: 'payload.summary', label: 'Summary', type: 'textarea', required: true },
      { name: 'payload.route.origin', label: 'Origin state', type: 'select', options: STATE_OPTIONS, value: session.node },
      { name: 'payload.route.originPlace', label: 'Origin place', type: 'text' },
      { name: 'payload.route.transit', label: 'Transit states (codes, comma separated)', type: 'text' },
      { name: 'payload.route.destination', label: 'Destination state', type: 'select', options: STATE_OPTIONS },
      { name: 'payload.route.destinationPlace', label: 'Destination place', type: 'text' },
      { name: 'payload.victims[0].count', label: 'Number of victims', type: 'number' },
      { name: 'payload.victims[0].ageBand', label: 'Their age band', type: 'select', value: 'unknown', options: [['under-18', 'Under 18 (children)'], ['18-24', '18 to 24'], ['25-34', '25 to 34'], ['35-49', '35 to 49'], ['50-and-over', '50 and over'], ['unknown', 'Unknown']] },
      { name: 'payload.victims[0].gender', label: 'Their sex', type: 'select', value: 'unknown', options: [['female', 'Female'], ['male', 'Male'], ['other', 'Other'], ['unknown', 'Unknown']] },
      { name: 'payload.victims[0].nationality', label: 'Their nationality', type: 'select', options: STATE_OPTIONS },
      { name: 'payload.location.placeName', label: 'Compound or last known place', type: 'text' },
      { name: 'payload.location.latitude', label: 'Latitude', type: 'text', hint: 'Decimal degrees, e.g. 10.627' },
      { name: 'payload.location.longitude', label: 'Longitude', type: 'text', hint: 'Decimal degrees, e.g. 103.522' },
      { name: 'payload.requestedActions', label: 'Requested actions', type: 'checks', options: options(requestedActionWords, REQUESTED_ACTIONS) },
      { name: 'payload.replyDeadline', label: 'Reply by', type: 'datetime', hint: 'Your local time. A rescue request gets the node\'s default deadline when left empty.' },
      ...distributionFields(),
    ],
    check(values) {
      const problems = [];
      checkCase(values, problems, true);
      required(values, problems, [['payload.summary', 'a summary of the case']]);
      checkCount(values, problems, 'payload.victims[0].count', 'The number of victims', 1);
      if (values['payload.victims[0].count'] && !values['payload.victims[0].nationality']) problems.push({ path: 'payload.victims[0].nationality', message: 'Please give the victims\' nationality.' });
      const lat = values['payload.location.latitude']; const lon = values['payload.location.longitude'];
      if (Boolean(lat) !== Boolean(lon)) problems.push({ path: lat ? 'payload.location.longitude' : 'payload.location.latitude', message: 'Latitude and longitude go together: give both or neither.' });
      if (lat && !(Math.abs(Number(lat)) <= 90)) problems.push({ path: 'payload.location.latitude', message: 'Latitude is a number from -90 to 90.' });
      if (lon && !(Math.abs(Number(lon)) <= 180)) problems.push({ path: 'payload.location.longitude', message: 'Longitude is a number from -180 to 180.' });
      if ((values['payload.location.placeName'] || lat) && !values['payload.route.destination']) problems.push({ path: 'payload.route.destination', message: 'Give the destination state: the place is in it.' });
      for (const code of states(values['payload.route.transit'])) if (!STATE_CODE.test(code)) problems.push({ path: 'payload.route.transit', message: `"${code}" is not a three-letter state code.` });
      checkFuture(values, problems, 'payload.replyDeadline', 'The reply deadline');
      checkDistribution(values, problems);
      return problems;
    },
    build(values) {
      const route = [
        values['payload.route.origin'] ? drop({ state: values['payload.route.origin'], role: 'origin', place: values['payload.route.originPlace'] }) : undefined,
        ...states(values['payload.route.transit']).map((state) => ({ state, role: 'transit' })),
        values['payload.route.destination'] ? drop({ state: values['payload.route.destination'], role: 'destination', place: values['payload.route.destinationPlace'] }) : undefined,
      ].filter(Boolean);
      const lat = number(values['payload.location.latitude']);
      const location = values['payload.location.placeName'] || lat !== undefined
        ? drop({ state: values['payload.route.destination'], placeName: values['payload.location.placeName'], latitude: lat, longitude: number(values['payload.location.longitude']) }) : undefined;
      const count = number(values['payload.victims[0].count']);
      return {
        type: 'case-alert', ...common(values), distribution: distributionOf(values),
        payload: drop({
          kind: values['payload.kind'], summary: values['payload.summary'], route,
          victims: count ? [{ count, ageBand: values['payload.victims[0].ageBand'], gender: values['payload.victims[0].gender'], nationality: values['payload.victims[0].nationality'] }] : undefined,
          location, requestedActions: values['payload.requestedActions'],
          replyDeadline: values['payload.replyDeadline'] ? localInputToIso(values['payload.replyDeadline']) : undefined,
        }),
      };
    },
    ...callbacks,
  });
}

// --- Intelligence report ------------------------------------------------------------------------
const INDICATOR_TYPES = ['phone-number', 'social-handle', 'url', 'company', 'compound', 'bank-account', 'e-wallet', 'crypto-wallet'];
const PERMITTED_ACTIONS = ['share-with-law-enforcement', 'share-with-financial-unit', 'share-with-platforms', 'act-without-consultation', 'use-as-evidence'];
const KEYABLE = ['phone-number', 'social-handle', 'bank-account', 'e-wallet', 'crypto-wallet'];

export function intelligenceReportForm(callbacks) {
  return buildForm({
    title: 'New intelligence report', submitLabel: 'Send the report', sentText: 'Report sent.',
    fields: [
      { name: 'payload.title', label: 'Title', type: 'text', required: true },
      { name: 'payload.summary', label: 'Summary', type: 'textarea', required: true },
      { name: 'payload.indicators[0].type', label: 'Indicator kind', type: 'select', value: 'url', options: options(indicatorWords, INDICATOR_TYPES) },
      { name: 'payload.indicators[0].value', label: 'Indicator value', type: 'text', required: true },
      { name: 'payload.indicators[0].shareAs', label: 'Share the value', type: 'select', value: 'clear', options: [['clear', 'In clear, to act on'], ['keyed', 'As a keyed hash only, for matching']] },
      { name: 'payload.indicators[0].platform', label: 'Platform', type: 'text' },
      { name: 'payload.sourceReliability', label: 'Source reliability', type: 'select', value: 'B', options: Object.entries(SOURCE_RELIABILITY).map(([letter, words]) => [letter, `${letter}: ${words}`]) },
      { name: 'payload.informationCredibility', label: 'Information credibility', type: 'select', value: '2', options: Object.entries(INFORMATION_CREDIBILITY).map(([n, words]) => [n, `${n}: ${words}`]) },
      { name: 'payload.permittedActions', label: 'Recipients may', type: 'checks', options: options(permittedActionWords, PERMITTED_ACTIONS) },
      { name: 'caseReference', label: 'Case reference (optional)', type: 'text' },
      ...markingFields({ priority: 'routine' }),
      ...distributionFields({ mode: 'regional-broadcast' }),
    ],
    check(values) {
      const problems = [];
      required(values, problems, [['payload.title', 'a title'], ['payload.summary', 'a summary'], ['payload.indicators[0].value', 'the indicator\'s value']]);
      if (values['payload.indicators[0].shareAs'] === 'keyed' && !KEYABLE.includes(values['payload.indicators[0].type'])) {
        problems.push({ path: 'payload.indicators[0].shareAs', message: `Only ${KEYABLE.map(indicatorWords).join(', ')} can be shared as a keyed hash.` });
      }
      checkCase(values, problems, false);
      checkDistribution(values, problems);
      return problems;
    },
    build: (values) => ({
      type: 'intelligence-report', ...common(values), distribution: distributionOf(values),
      payload: drop({
        title: values['payload.title'], summary: values['payload.summary'],
        indicators: [drop({ type: values['payload.indicators[0].type'], value: values['payload.indicators[0].value'], shareAs: values['payload.indicators[0].shareAs'], platform: values['payload.indicators[0].platform'] })],
        sourceReliability: values['payload.sourceReliability'], informationCredibility: Number(values['payload.informationCredibility']),
        permittedActions: values['payload.permittedActions'],
      }),
    }),
    ...callbacks,
  });
}

// --- Assistance request (also: the detail behind a hit) -----------------------------------------
const ASSISTANCE_KINDS = ['information', 'rescue', 'repatriation', 'shelter', 'financial-freeze', 'victim-identification'];

export function assistanceRequestForm(callbacks, prefill = {}) {
  return buildForm({
    title: prefill.title ?? 'New assistance request', intro: prefill.intro, submitLabel: 'Send the request', sentText: 'Request sent.',
    fields: [
      { name: 'caseReference', label: 'Case reference', type: 'text', required: true, value: prefill.caseReference ?? `${session.node}-` },
      { name: 'payload.kind', label: 'Assistance wanted', type: 'select', value: prefill.kind ?? 'information', options: options(kindWords, ASSISTANCE_KINDS) },
      { name: 'payload.requestedState', label: 'Asked of', type: 'select', value: prefill.requestedState, options: STATE_OPTIONS, required: true },
      { name: 'payload.summary', label: 'What you ask for', type: 'textarea', required: true, value: prefill.summary },
      { name: 'payload.relatedMessageId', label: 'Related message (id)', type: 'text', value: prefill.relatedMessageId, readonly: Boolean(prefill.relatedMessageId) },
      ...(prefill.followsUpHitId ? [{ name: 'payload.followsUpHitId', label: 'Follows up hit', type: 'text', value: prefill.followsUpHitId, readonly: true, hint: 'The hub checks that you were told of this hit and that you ask its other party.' }] : []),
      { name: 'payload.personsCount', label: 'Persons concerned', type: 'number' },
      { name: 'payload.replyDeadline', label: 'Reply by', type: 'datetime', hint: 'Your local time; the node\'s default deadline when left empty.' },
      ...markingFields({ handling: prefill.handling ?? 'amber' }),
    ],
    check(values) {
      const problems = [];
      checkCase(values, problems, true);
      required(values, problems, [['payload.requestedState', 'the state you ask'], ['payload.summary', 'what you ask for']]);
      if (values['payload.requestedState'] === session.node) problems.push({ path: 'payload.requestedState', message: 'Ask another state, not your own.' });
      if (values['payload.relatedMessageId'] && !MESSAGE_ID.test(values['payload.relatedMessageId'])) problems.push({ path: 'payload.relatedMessageId', message: 'A message id has 32 hexadecimal digits in groups 8-4-4-4-12.' });
      checkCount(values, problems, 'payload.personsCount', 'Persons concerned');
      checkFuture(values, problems, 'payload.replyDeadline', 'The reply deadline');
      return problems;
    },
    build: (values) => ({
      type: 'assistance-request', ...common(values), distribution: { mode: 'named', states: [values['payload.requestedState']] },
      ...(prefill.exercise ? { exercise: prefill.exercise } : {}),
      payload: drop({
        kind: values['payload.kind'], requestedState: values['payload.requestedState'], summary: values['payload.summary'],
        relatedMessageId: values['payload.relatedMessageId'] || undefined, personsCount: number(values['payload.personsCount']),
        followsUpHitId: values['payload.followsUpHitId'] || undefined,
        replyDeadline: values['payload.replyDeadline'] ? localInputToIso(values['payload.replyDeadline']) : undefined,
      }),
    }),
    ...callbacks,
  });
}

/** "Request the detail behind this hit": an information request to the counterpart, linked to the hit notice. */
export function hitDetailRequestForm(hit, callbacks) {
  // Without the stored payload (an older node) the summary's headline "hit with IDN on …" names it.
  const counterpart = hit.payload?.counterpartState ?? /^hit with ([A-Z]{3})\b/.exec(hit.summary.headline ?? '')?.[1] ?? '';
  return assistanceRequestForm(callbacks, {
    title: 'Request the detail behind this hit',
    intro: `The hub matched an identifier of yours with a message held by ${counterpart || 'another state'}. This asks that state for the detail; it names the hit, so that state's officers see which one it concerns.`,
    requestedState: counterpart, kind: 'information', caseReference: hit.summary.caseReference || undefined,
    followsUpHitId: hit.payload?.hitId || undefined,
    summary: `Please share the detail behind hit ${hit.payload?.hitId ?? hit.messageId}.`,
    exercise: exerciseOf(hit.summary).exercise,
  });
}

// --- Withdraw or correct a message we sent ------------------------------------------------------
export function retractionForm(message, callbacks) {
  const { summary } = message;
  return buildForm({
    title: `Withdraw or correct: ${summary.headline || kindWords(summary.kind)}`,
    intro: 'Every recipient is told; a withdrawn request stops its deadline.',
    submitLabel: 'Send the retraction', sentText: 'Retraction sent.',
    fields: [
      { name: 'payload.kind', label: 'What to do', type: 'select', value: 'withdraw', options: [['withdraw', 'Withdraw: recipients must disregard it'], ['correct', 'Correct: it is replaced by another message']] },
      { name: 'payload.reason', label: 'Reason', type: 'textarea', required: true },
      { name: 'payload.replacementMessageId', label: 'Replacement message (id)', type: 'text', hint: 'For a correction: the id of the message that replaces this one.' },
    ],
    check(values) {
      const problems = [];
      required(values, problems, [['payload.reason', 'the reason']]);
      if (values['payload.kind'] === 'correct' && !values['payload.replacementMessageId']) problems.push({ path: 'payload.replacementMessageId', message: 'A correction names the message that replaces this one.' });
      if (values['payload.replacementMessageId'] && !MESSAGE_ID.test(values['payload.replacementMessageId'])) problems.push({ path: 'payload.replacementMessageId', message: 'A message id has 32 hexadecimal digits in groups 8-4-4-4-12.' });
      return problems;
    },
    build: (values) => ({
      type: 'retraction', senderUnit: session.caller?.unit ?? '',
      distribution: summary.recipients?.length ? { mode: 'named', states: [...summary.recipients] } : { mode: 'regional-broadcast' },
      handling: summary.handling, priority: summary.priority, ...(summary.caseReference ? { caseReference: summary.caseReference } : {}), ...exerciseOf(summary),
      payload: drop({ retractedMessageId: message.messageId, kind: values['payload.kind'], reason: values['payload.reason'], replacementMessageId: values['payload.replacementMessageId'] || undefined }),
    }),
    ...callbacks,
  });
}
