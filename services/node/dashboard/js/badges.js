// The marks every list and view shares: exercise, priority, handling, kind, withdrawn.
import { el } from './dom.js';
import { absoluteTime } from './dates.js';
import { handlingMark, kindWords, outcomeWords, priorityWords, stageWords, withdrawnWords } from './words.js';

export function badges(summary) {
  return [
    summary.traffic === 'exercise' ? el('span', { class: 'badge exercise' }, 'Exercise') : undefined,
    el('span', { class: `badge priority-${summary.priority}` }, priorityWords(summary.priority)),
    el('span', { class: `badge tlp-${summary.handling}` }, handlingMark(summary.handling)),
    el('span', { class: 'badge kind' }, kindWords(summary.kind)),
  ];
}

/** "Withdrawn: <reason>" or "Corrected by a later message", wherever the message appears. */
export function withdrawnNote(item) {
  if (item.withdrawn) return el('p', { class: 'withdrawn-note' }, withdrawnWords(item.withdrawn), ` (${absoluteTime(item.withdrawn.atUnixMs)})`);
  if (item.correctedBy) return el('p', { class: 'withdrawn-note' }, `Corrected: ${item.correctedBy.reason || 'replaced'}; see the replacement message`);
  return undefined;
}

/** Received: "read 1 Dec 2026, 21:41 WIB (UTC+7), actioned …" as this state told the sender. */
export function acknowledgementText(item) {
  const done = [];
  if (item.acknowledged?.readAtUnixMs) done.push(`read ${absoluteTime(item.acknowledged.readAtUnixMs)}`);
  if (item.acknowledged?.actionedAtUnixMs) done.push(`actioned ${absoluteTime(item.acknowledged.actionedAtUnixMs)}`);
  return done.length ? `This state ${done.join(', ')}` : 'Not yet acknowledged';
}

/** Sent: "KHM: actioned by KHM-NCB (officer dara), answered: Accepted" per recipient. */
export function recipientText(recipient) {
  // "answered" is said by the answer itself; the stage shown is how far the receipts went.
  const stage = recipient.stage === 'answered'
    ? (recipient.actionedAtUnixMs ? 'actioned' : recipient.readAtUnixMs ? 'read' : 'delivered') : recipient.stage;
  const by = stage === 'actioned' ? recipient.actionedBy : stage === 'read' ? recipient.readBy : undefined;
  const answer = recipient.answer ? `, answered: ${outcomeWords(recipient.answer.outcome)}` : '';
  return `${recipient.state}: ${stageWords(stage)}${by ? ` by ${by.unit}${by.note ? ` (${by.note})` : ''}` : ''}${answer}`;
}
