// One message in full: marks, route and map, payload facts, deadline, receipts per state,
// answers, and the actions the signed-in role may take on it.
import { el, facts } from './dom.js';
import { absoluteTime, deadlineWords } from './dates.js';
import { acknowledgementText, badges, recipientText, withdrawnNote } from './badges.js';
import { locatedPlaces, payloadFacts, payloadRoute, routeChips } from './detail-payload.js';
import { routeMap } from './route-map.js';
import { handlingMark, handlingPermits, headlineWords, kindWords, outcomeWords, priorityWords, stageWords, stateName } from './words.js';
import { may, session } from './session.js';

/**
 * actions: { acknowledge(status), answer(), requestDetail(), retract(), openCase(ref), open(id) }
 */
export function detailView(detail, actions) {
  const { summary } = detail;
  const payload = detail.payload ?? {};
  const route = payloadRoute(payload)?.length ? payloadRoute(payload) : summary.route;
  return [
    summary.traffic === 'exercise' ? el('p', { class: 'exercise-detail' }, `Exercise · drill ${summary.drillId}`) : undefined,
    el('div', { class: 'row' }, badges(summary)),
    el('h3', { class: 'headline', id: 'detail-headline' }, headlineWords(summary)),
    withdrawnNote(detail),
    detail.corrects ? el('p', { class: 'meta' }, 'This message corrects ', messageLink(detail.corrects, actions), '.') : undefined,
    detail.correctedBy ? el('p', { class: 'meta' }, 'Replaced by ', messageLink(detail.correctedBy.replacementMessageId, actions), '.') : undefined,
    facts([
      ['Kind', kindWords(summary.kind)],
      ['Priority', priorityWords(summary.priority)],
      ['Handling', el('span', {}, el('strong', {}, handlingMark(summary.handling)), ` — ${handlingPermits(summary.handling)}`,
        summary.handling === 'red' && summary.recipients?.length ? ` Who may see it: ${summary.recipients.map(stateName).join(', ')}.` : '')],
      ['From', `${stateName(summary.sender)}, ${summary.senderUnit}`],
      ['To', summary.recipients?.length ? summary.recipients.map(stateName).join(', ') : undefined],
      ['Case', summary.caseReference ? el('button', { type: 'button', class: 'link', onclick: () => actions.openCase(summary.caseReference) }, `${summary.caseReference} (open the case)`) : 'No case'],
      ['Created', absoluteTime(summary.createdAtUnixMs)],
      ['Expires', absoluteTime(summary.expiresAtUnixMs)],
      ['Deadline', detail.deadline ? el('span', { class: detail.deadline.overdue ? 'overdue' : '' }, deadlineWords(detail.deadline))
        : summary.replyDeadlineUnixMs ? el('span', { class: summary.replyDeadlineUnixMs < Date.now() ? 'overdue' : '' }, `Reply by ${absoluteTime(summary.replyDeadlineUnixMs)}`) : undefined],
      ['In reply to', summary.inReplyTo ? messageLink(summary.inReplyTo, actions) : undefined],
      ['Related message', summary.relatedMessageId && detail.payloadName !== 'hit-notice' ? messageLink(summary.relatedMessageId, actions) : undefined],
      ['Message id', detail.messageId],
    ]),
    route?.length ? el('section', { 'aria-label': 'Route' }, el('h4', {}, 'Route'), routeChips(route), routeMap(route, locatedPlaces(detail))) : undefined,
    el('section', { 'aria-label': 'Contents' }, el('h4', {}, 'Contents'), payloadFacts(detail)),
    detail.direction === 'sent' ? recipientsSection(detail) : receivedSection(detail),
    answersSection(detail),
    detail.openedBy?.length ? el('p', { class: 'meta' }, `Opened here by ${detail.openedBy.map((o) => `${o.officer} (${absoluteTime(o.atUnixMs)})`).join(', ')}`) : undefined,
    actionButtons(detail, actions),
  ];
}

export function messageLink(messageId, actions) {
  return el('button', { type: 'button', class: 'link', onclick: () => actions.open(messageId) }, messageId);
}

function receivedSection(detail) {
  return el('section', { 'aria-label': 'Receipt' }, el('h4', {}, 'Receipt'), el('p', { 'data-testid': 'acknowledged' }, acknowledgementText(detail)));
}

function recipientsSection(detail) {
  const recipients = detail.recipients ?? [];
  return el('section', { 'aria-label': 'Receipts per state' }, el('h4', {}, 'Receipts per state'),
    recipients.length ? el('table', { class: 'receipts' },
      el('thead', {}, el('tr', {}, ['State', 'Stage', 'Delivered', 'Read', 'Actioned', 'Answer'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, recipients.map((r) => el('tr', { 'data-state': r.state },
        el('th', { scope: 'row' }, stateName(r.state)),
        el('td', {}, r.rejected ? `${stageWords('rejected')}: ${r.rejected.reason}` : stageWords(r.stage)),
        el('td', {}, absoluteTime(r.deliveredAtUnixMs)),
        el('td', {}, r.readAtUnixMs ? `${absoluteTime(r.readAtUnixMs)}${r.readBy ? ` by ${r.readBy.unit}${r.readBy.note ? ` (${r.readBy.note})` : ''}` : ''}` : '—'),
        el('td', {}, r.actionedAtUnixMs ? `${absoluteTime(r.actionedAtUnixMs)}${r.actionedBy ? ` by ${r.actionedBy.unit}${r.actionedBy.note ? ` (${r.actionedBy.note})` : ''}` : ''}` : '—'),
        el('td', {}, r.answer ? outcomeWords(r.answer.outcome) : '—'))))) : el('p', { class: 'meta' }, 'No receipt yet.'),
    el('p', { class: 'sr-only' }, recipients.map(recipientText).join('; ')));
}

function answersSection(detail) {
  if (!detail.answers?.length) return undefined;
  return el('section', { 'aria-label': 'Answers' }, el('h4', {}, 'Answers'),
    el('ol', { class: 'answers' }, detail.answers.map((answer) => el('li', { 'data-message-id': answer.messageId },
      el('strong', {}, `${stateName(answer.from)}: ${outcomeWords(answer.outcome)}`),
      answer.summary ? ` — ${answer.summary}` : '',
      el('div', { class: 'meta' }, [
        `${answer.unit}, ${absoluteTime(answer.atUnixMs)}`,
        answer.personsAssisted ? `${answer.personsAssisted} persons assisted` : '',
        answer.expectedCompletionUnixMs ? `expected completion ${absoluteTime(answer.expectedCompletionUnixMs)}` : '',
      ].filter(Boolean).join(' · '))))));
}

/** Owed an answer: an assistance request to this state, or a rescue request this state received. */
export const answerable = (detail) => detail.direction !== 'sent' && !detail.withdrawn
  && (detail.summary.payloadName === 'assistance-request' ? detail.summary.requestedState === session.node || !detail.summary.requestedState
    : detail.summary.payloadName === 'case-alert' && detail.summary.kind === 'rescue-request');

function actionButtons(detail, actions) {
  const { summary } = detail;
  const received = detail.direction !== 'sent';
  const acknowledgeable = received && may('acknowledge') && summary.sender !== 'HUB' && summary.payloadName !== 'acknowledgement';
  const buttons = [
    acknowledgeable ? el('button', { type: 'button', class: 'secondary', disabled: Boolean(detail.acknowledged?.readAtUnixMs), onclick: (e) => actions.acknowledge('read', e.target) }, 'Mark read') : undefined,
    acknowledgeable ? el('button', { type: 'button', disabled: Boolean(detail.acknowledged?.actionedAtUnixMs), onclick: (e) => actions.acknowledge('actioned', e.target) }, 'Actioned') : undefined,
    answerable(detail) && may('answer') ? el('button', { type: 'button', onclick: actions.answer }, 'Answer this request') : undefined,
    received && summary.payloadName === 'hit-notice' && may('send') ? el('button', { type: 'button', onclick: actions.requestDetail }, 'Request the detail behind this hit') : undefined,
    !received && may('retract') && !detail.withdrawn && !['acknowledgement', 'retraction'].includes(summary.payloadName)
      ? el('button', { type: 'button', class: 'secondary', onclick: actions.retract }, 'Withdraw or correct') : undefined,
  ].filter(Boolean);
  return buttons.length ? el('div', { class: 'actions' }, buttons) : undefined;
}
