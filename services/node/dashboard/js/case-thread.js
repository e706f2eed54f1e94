// A case as one thread: every message of the case reference in time order, both directions,
// with who read and actioned what; withdrawn messages say so and why, corrections link; then the
// case's links (case-links.js).
import { el } from './dom.js';
import { caseLinksView } from './case-links.js';
import { absoluteTime, deadlineWords } from './dates.js';
import { acknowledgementText, badges, recipientText, withdrawnNote } from './badges.js';
import { headlineWords, kindWords, outcomeWords, stateName } from './words.js';

/** `links`: what loading the case's links gave ({links} or {failed}), shown after the thread. */
export function caseThreadView(thread, actions, links) {
  const messages = [...thread.messages].sort((a, b) => a.atUnixMs - b.atUnixMs);
  return [
    el('h3', { class: 'headline' }, `Case ${thread.caseReference}`),
    thread.withdrawn ? el('p', { class: 'withdrawn-note' }, 'Withdrawn: every message of this case has been withdrawn.') : undefined,
    thread.partial ? el('p', { class: 'meta' }, 'This node does not keep case threads yet: shown are the messages it lists for this case.') : undefined,
    el('p', { class: 'meta' }, `${messages.length} ${messages.length === 1 ? 'message' : 'messages'}, oldest first`),
    el('ol', { class: 'thread', 'aria-label': `Messages of case ${thread.caseReference}` }, messages.map((item) => threadEntry(item, actions))),
    links ? caseLinksView(thread.caseReference, links, actions) : undefined,
  ];
}

function threadEntry(item, actions) {
  const { summary } = item;
  const who = item.direction === 'sent' ? `Sent by this state (${summary.senderUnit})` : `From ${stateName(summary.sender)} (${summary.senderUnit})`;
  return el('li', { class: ['thread-entry', item.withdrawn ? 'is-withdrawn' : '', summary.payloadName === 'assistance-response' ? 'answer' : ''].filter(Boolean).join(' '), 'data-message-id': item.messageId },
    el('div', { class: 'row' }, badges(summary)),
    el('p', { class: 'headline' }, el('button', { type: 'button', class: 'link', onclick: () => actions.open(item.messageId) }, headlineWords(summary))),
    withdrawnNote(item),
    summary.response ? el('p', {}, `Outcome: ${outcomeWords(summary.response.outcome)}`) : undefined,
    item.corrects ? el('p', { class: 'meta' }, 'Corrects ', el('button', { type: 'button', class: 'link', onclick: () => actions.open(item.corrects) }, item.corrects)) : undefined,
    item.correctedBy ? el('p', { class: 'meta' }, 'Replaced by ', el('button', { type: 'button', class: 'link', onclick: () => actions.open(item.correctedBy.replacementMessageId) }, item.correctedBy.replacementMessageId)) : undefined,
    el('p', { class: 'meta' }, `${who} · ${absoluteTime(item.atUnixMs)}`),
    item.deadline ? el('p', { class: item.deadline.overdue ? 'overdue' : 'meta' }, deadlineWords(item.deadline)) : undefined,
    el('p', { class: 'meta' }, item.direction === 'sent'
      ? (item.recipients?.length ? item.recipients.map(recipientText).join('; ') : 'No receipt yet')
      : acknowledgementText(item)));
}
