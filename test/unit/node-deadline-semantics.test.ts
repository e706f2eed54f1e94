import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dueList, overdueForEscalation, ourAnswersOf, retractedIdsOf, sentRequestsOf, type DueInput } from '../../services/node/deadlines.ts';
import type { MessageSummary } from '../../services/node/message-summary.ts';
import type { SentRecord } from '../../services/node/node-records.ts';
import { deadlineView, owedBy, owesAnswer } from '../../services/node/workbench/deadline-view.ts';
import type { AnswerView } from '../../services/node/workbench/workbench-views.ts';

const NOW = 1_795_000_000_000;
const HOUR = 3_600_000;
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function summary(messageId: string, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    messageId, payloadName: 'assistance-request', kind: 'rescue', sender: 'IDN', senderUnit: 'POLRI', recipients: ['KHM'],
    handling: 'amber', priority: 'immediate', createdAtUnixMs: NOW - 2 * HOUR, expiresAtUnixMs: NOW + 30 * 24 * HOUR,
    caseReference: 'IDN-2026-000123', inReplyTo: '', traffic: 'real', drillId: '', route: [], headline: 'Please rescue',
    victimCount: 3, identifierCount: 0, locationName: '', replyDeadlineUnixMs: NOW + HOUR, requestedState: 'KHM', relatedMessageId: '',
    ...overrides,
  };
}

const rescue = (messageId: string, overrides: Partial<MessageSummary> = {}) =>
  summary(messageId, { payloadName: 'case-alert', kind: 'rescue-request', requestedState: '', recipients: ['KHM', 'THA'], ...overrides });

function answer(from: string, outcome: string, atUnixMs: number, extra: Partial<AnswerView> = {}): AnswerView {
  return { messageId: ID(900 + atUnixMs % 97), from, unit: `${from}-NCB`, outcome, summary: '', personsAssisted: 0, expectedCompletionUnixMs: 0, atUnixMs, ...extra };
}

const base: DueInput = { state: 'KHM', nowMs: NOW, received: [], sent: [], answeredByUs: new Set(), escalations: new Map() };

describe('what an answer does to a reply deadline', () => {
  const request = summary(ID(1));
  const view = (answers: AnswerView[], nowMs = NOW, withdrawn = false) => deadlineView({ request, answers, withdrawn, nowMs });

  test('accepted, completed and declined stop the answering state clock', () => {
    for (const outcome of ['accepted', 'completed', 'declined']) {
      assert.equal(view([answer('KHM', outcome, NOW - HOUR)], NOW + 2 * HOUR)?.state, 'answered', outcome);
    }
  });

  test('in-progress and needs-information leave the clock running, so the request still goes overdue', () => {
    for (const outcome of ['in-progress', 'needs-information']) {
      const late = view([answer('KHM', outcome, NOW - HOUR)], NOW + 2 * HOUR);
      assert.deepEqual([late?.state, late?.overdue, late?.late, late?.atUnixMs], ['open', true, ['KHM'], NOW + HOUR], outcome);
    }
  });

  test('delayed moves the deadline to the expected completion and gives the reason', () => {
    const delayed = answer('KHM', 'delayed', NOW - HOUR, { summary: 'Floods; team leaves Monday', expectedCompletionUnixMs: NOW + 48 * HOUR });
    const seen = view([delayed], NOW + 2 * HOUR);
    assert.deepEqual([seen?.state, seen?.atUnixMs, seen?.overdue, seen?.delayReason], ['delayed', NOW + 48 * HOUR, false, 'Floods; team leaves Monday']);
    assert.equal(view([delayed], NOW + 49 * HOUR)?.overdue, true, 'the new deadline passes like the first');
  });

  test('the latest answer decides: a second delay moves the clock again, a settling answer after a delay stops it', () => {
    const first = answer('KHM', 'delayed', NOW - HOUR, { summary: 'one', expectedCompletionUnixMs: NOW + 10 * HOUR });
    const second = answer('KHM', 'delayed', NOW, { summary: 'two', expectedCompletionUnixMs: NOW + 20 * HOUR });
    assert.equal(view([second, first])?.atUnixMs, NOW + 20 * HOUR);
    assert.equal(view([first, answer('KHM', 'completed', NOW)])?.state, 'answered');
  });

  test('an answer from a state that does not owe the request changes nothing', () => {
    assert.equal(view([answer('THA', 'completed', NOW)])?.state, 'open');
  });

  test('a withdrawn request has no deadline in force and nobody is late', () => {
    assert.deepEqual(view([], NOW + 5 * HOUR, true), { atUnixMs: NOW + HOUR, state: 'withdrawn', overdue: false, owedBy: ['KHM'], late: [] });
  });

  test('messages without a reply deadline, or that are not requests, have no deadline view', () => {
    assert.equal(deadlineView({ request: summary(ID(2), { replyDeadlineUnixMs: 0 }), answers: [], withdrawn: false, nowMs: NOW }), undefined);
    assert.equal(deadlineView({ request: summary(ID(3), { payloadName: 'intelligence-report' }), answers: [], withdrawn: false, nowMs: NOW }), undefined);
    assert.equal(deadlineView({ request: rescue(ID(4), { kind: 'missing-person' }), answers: [], withdrawn: false, nowMs: NOW }), undefined);
  });
});

describe('a rescue request is owed by every state it reached', () => {
  test('named recipients and states it was delivered to owe it; the sender does not', () => {
    assert.deepEqual(owedBy(rescue(ID(10), { recipients: ['THA', 'KHM', 'IDN'] })), ['KHM', 'THA']);
    assert.deepEqual(owedBy(rescue(ID(11), { recipients: [] }), ['MYS', 'KHM']), ['KHM', 'MYS']);
    assert.deepEqual(owedBy(summary(ID(12)), ['THA']), ['KHM'], 'an assistance request is owed by its requested state only');
  });

  test('it stays open until every recipient settles it; the late ones are named', () => {
    const request = rescue(ID(13));
    const answers = [answer('KHM', 'accepted', NOW - HOUR)];
    const seen = deadlineView({ request, answers, withdrawn: false, nowMs: NOW + 2 * HOUR });
    assert.deepEqual([seen?.state, seen?.late], ['open', ['THA']]);
    assert.equal(owesAnswer(seen, 'KHM', answers), false);
    assert.equal(owesAnswer(seen, 'THA', answers), true);
    const all = deadlineView({ request, answers: [...answers, answer('THA', 'declined', NOW)], withdrawn: false, nowMs: NOW + 2 * HOUR });
    assert.equal(all?.state, 'answered');
  });

  test('the earliest running clock is the deadline in force; delayed only when every running clock is delayed', () => {
    const request = rescue(ID(14));
    const delayed = answer('THA', 'delayed', NOW, { summary: 'boats', expectedCompletionUnixMs: NOW + 9 * HOUR });
    const seen = deadlineView({ request, answers: [delayed], withdrawn: false, nowMs: NOW });
    assert.deepEqual([seen?.state, seen?.atUnixMs, seen?.delayReason], ['open', NOW + HOUR, 'boats']);
    const both = deadlineView({ request, answers: [delayed, answer('KHM', 'completed', NOW)], withdrawn: false, nowMs: NOW });
    assert.deepEqual([both?.state, both?.atUnixMs], ['delayed', NOW + 9 * HOUR]);
  });

  test('a route-role rescue request nobody has confirmed yet keeps its own clock', () => {
    const seen = deadlineView({ request: rescue(ID(15), { recipients: [] }), answers: [], withdrawn: false, nowMs: NOW + 2 * HOUR });
    assert.deepEqual([seen?.state, seen?.overdue, seen?.late], ['open', true, []]);
  });
});

describe('due lists follow the clocks', () => {
  test('a rescue request we received is ours to answer, whoever else it went to', () => {
    const received = [rescue(ID(20), { recipients: [] }), rescue(ID(21), { recipients: ['KHM', 'THA'] }), rescue(ID(22), { kind: 'missing-person' })];
    assert.deepEqual(dueList({ ...base, received }).toAnswer.map((item) => item.messageId), [ID(20), ID(21)]);
  });

  test('our in-progress or needs-information answer keeps the request due; a settling one removes it', () => {
    const request = summary(ID(23));
    const due = (outcome: string) => dueList({ ...base, received: [request], ourAnswers: new Map([[request.messageId, [answer('KHM', outcome, NOW - HOUR)]]]) });
    assert.equal(due('in-progress').toAnswer.length, 1);
    assert.equal(due('needs-information').toAnswer.length, 1);
    assert.equal(due('accepted').toAnswer.length, 0);
  });

  test('our delayed answer moves our own deadline, with the reason, and we are not late before it', () => {
    const request = summary(ID(24), { replyDeadlineUnixMs: NOW - HOUR });
    const delayed = answer('KHM', 'delayed', NOW - 2 * HOUR, { summary: 'court order pending', expectedCompletionUnixMs: NOW + 5 * HOUR });
    const [item] = dueList({ ...base, received: [request], ourAnswers: new Map([[request.messageId, [delayed]]]) }).toAnswer;
    assert.deepEqual([item?.deadlineUnixMs, item?.overdue, item?.deadline?.state, item?.deadline?.delayReason], [NOW + 5 * HOUR, false, 'delayed', 'court order pending']);
  });

  test('without outcomes known (older records) any answer of ours settles the request, as before', () => {
    const request = summary(ID(25));
    assert.equal(dueList({ ...base, received: [request], answeredByUs: new Set([request.messageId]) }).toAnswer.length, 0);
  });

  test('our answer to a reminder counts for the request it reminds of', () => {
    const request = summary(ID(26));
    const reminder = summary(ID(27), { relatedMessageId: request.messageId });
    const list = dueList({ ...base, received: [request, reminder], ourAnswers: new Map([[reminder.messageId, [answer('KHM', 'completed', NOW)]]]) });
    assert.equal(list.toAnswer.length, 0);
  });

  test('a retracted request leaves both due lists and is never escalated', () => {
    const received = summary(ID(28));
    const mine = rescue(ID(29), { sender: 'KHM', recipients: ['THA'], replyDeadlineUnixMs: NOW - HOUR });
    const input: DueInput = { ...base, received: [received], sent: [{ summary: mine, answered: false, rejected: false, answers: [] }] };
    assert.deepEqual([dueList(input).toAnswer.length, dueList(input).awaitingAnswer.length, overdueForEscalation(input).length], [1, 1, 1]);
    const retracted = { ...input, retracted: new Set([received.messageId, mine.messageId]) };
    assert.deepEqual([dueList(retracted).toAnswer.length, dueList(retracted).awaitingAnswer.length, overdueForEscalation(retracted).length], [0, 0, 0]);
  });

  test('our request awaits until a settling answer; in-progress keeps it, and it is escalated when overdue', () => {
    const mine = summary(ID(30), { sender: 'IDN', replyDeadlineUnixMs: NOW - HOUR });
    const input = (answers: AnswerView[]): DueInput => ({ ...base, state: 'IDN', sent: [{ summary: mine, answered: answers.length > 0, rejected: false, answers }] });
    assert.deepEqual(overdueForEscalation(input([answer('KHM', 'in-progress', NOW - 2 * HOUR)])).map((item) => item.messageId), [mine.messageId]);
    assert.equal(dueList(input([answer('KHM', 'completed', NOW - 2 * HOUR)])).awaitingAnswer.length, 0);
  });

  test('a delay not yet passed holds escalation off; once the new time passes the request is escalated', () => {
    const mine = summary(ID(31), { sender: 'IDN', replyDeadlineUnixMs: NOW - HOUR });
    const delayed = answer('KHM', 'delayed', NOW - 2 * HOUR, { summary: 'x', expectedCompletionUnixMs: NOW + HOUR });
    const input = (nowMs: number): DueInput => ({ ...base, state: 'IDN', nowMs, sent: [{ summary: mine, answered: true, rejected: false, answers: [delayed] }] });
    assert.equal(overdueForEscalation(input(NOW)).length, 0);
    assert.equal(dueList(input(NOW)).awaitingAnswer[0]?.deadlineUnixMs, NOW + HOUR);
    assert.equal(overdueForEscalation(input(NOW + 2 * HOUR)).length, 1);
  });

  test('a rescue request we sent is escalated naming only the states that are late', () => {
    const mine = rescue(ID(32), { sender: 'IDN', recipients: [], replyDeadlineUnixMs: NOW - HOUR });
    const [item] = overdueForEscalation({
      ...base, state: 'IDN',
      sent: [{ summary: mine, answered: true, rejected: false, answers: [answer('KHM', 'accepted', NOW - 2 * HOUR)], deliveredTo: ['KHM', 'THA', 'VNM'] }],
    });
    assert.deepEqual(item?.deadline?.late, ['THA', 'VNM']);
  });
});

describe('the due input built from records', () => {
  const record = (summaryOf: MessageSummary, extra: Partial<SentRecord> = {}): SentRecord =>
    ({ messageId: summaryOf.messageId, summary: summaryOf, sentAtUnixMs: NOW - HOUR, recipients: {}, answers: [], ...extra });

  test('answers to a reminder are answers to the request; delivery receipts say who owes a rescue request', () => {
    const request = record(rescue(ID(40), { sender: 'IDN', recipients: [] }), {
      recipients: { KHM: { state: 'KHM', deliveredAtUnixMs: NOW }, THA: { state: 'THA', rejected: { atUnixMs: NOW, reasonCode: 'EXPIRED', reason: 'x' } } },
    });
    const reminder = record(summary(ID(41), { sender: 'IDN' }), {
      reminderFor: request.messageId, answers: [{ messageId: ID(42), from: 'KHM', outcome: 'delayed', atUnixMs: NOW, summary: 'why', expectedCompletionUnixMs: NOW + HOUR }],
    });
    const [first] = sentRequestsOf([request, reminder]);
    assert.deepEqual(first?.deliveredTo, ['KHM']);
    assert.deepEqual(first?.answers?.map((a) => [a.from, a.outcome, a.summary, a.expectedCompletionUnixMs]), [['KHM', 'delayed', 'why', NOW + HOUR]]);
  });

  test('our answers are grouped by request, refused ones left out; retractions the hub refused retract nothing', () => {
    const response = (n: number, outcome: string) => summary(ID(n), {
      payloadName: 'assistance-response', sender: 'KHM', senderUnit: 'KHM-NCB', relatedMessageId: ID(1),
      response: { requestMessageId: ID(1), outcome, summary: 'ok', expectedCompletionUnixMs: 0 },
    });
    const answers = ourAnswersOf([record(response(50, 'in-progress')), record(response(51, 'completed'), { hubRejection: { atUnixMs: NOW, reasonCode: 'X', reason: 'y' } })]);
    assert.deepEqual(answers.get(ID(1))?.map((a) => [a.outcome, a.unit]), [['in-progress', 'KHM-NCB']]);
    const retraction = (n: number) => summary(ID(n), { payloadName: 'retraction', retractedMessageId: ID(n + 1) });
    assert.deepEqual([...retractedIdsOf([{ summary: retraction(60) }, { summary: retraction(70), refused: true }, { summary: summary(ID(80)) }])], [ID(61)]);
  });
});

describe('reminders of an overdue rescue request', () => {
  test('each late state gets an assistance request of kind RESCUE for the same victims, place and case', async () => {
    const { readFile } = await import('node:fs/promises');
    const { generateSigningKey } = await import('../../services/core/signing/mod.ts');
    const { decodePayload } = await import('../../services/core/codec.ts');
    const { v1 } = await import('../../services/core/proto.ts');
    const { prepareSubmission, replyDeadlines } = await import('../../services/node/mod.ts');
    const { newSentRecord } = await import('../../services/node/receipt-status.ts');
    const { prepareReminder } = await import('../../services/node/escalation.ts');
    const { TEST_MATCHING_KEY } = await import('../support/validation-fixtures.ts');
    const signingKey = generateSigningKey('IDN');
    const context = { state: 'IDN', senderUnit: 'IDN-LIAISON', signingKey, deadlines: replyDeadlines() };
    const json: unknown = JSON.parse(await readFile(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8'));
    const alert = prepareSubmission(json, { ...context, matchingKey: TEST_MATCHING_KEY, nowMs: NOW });
    const record = newSentRecord(alert.envelope, alert.summary, NOW);
    const reminder = prepareReminder(record, context, NOW + 9 * HOUR, 'THA');
    const decoded = decodePayload(reminder.envelope);
    assert.equal(decoded.name, 'assistance-request');
    if (decoded.name !== 'assistance-request') return;
    assert.deepEqual(
      [decoded.message.kind, decoded.message.requestedState, decoded.message.relatedMessageId, decoded.message.personsCount, decoded.message.identifiers.length],
      [v1.AssistanceKind.ASSISTANCE_KIND_RESCUE, 'THA', alert.envelope.messageId, 3, 2],
    );
    assert.deepEqual([reminder.envelope.distribution?.states, reminder.envelope.caseReference, reminder.envelope.priority], [['THA'], 'IDN-2026-000123', v1.Priority.PRIORITY_IMMEDIATE]);
    assert.match(decoded.message.summary, /^Reminder: request .* passed its reply deadline/);
  });
});
