import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_REPLY_DEADLINE_MS } from '../../services/core/limits.ts';
import { parseSubmissionInput } from '../../services/core/validation/mod.ts';
import { withDefaultReplyDeadline } from '../../services/node/deadlines.ts';
import { dueList, replyDeadlineFor, replyDeadlines, type MessageSummary } from '../../services/node/mod.ts';

const NOW = 1_795_000_000_000;
const HOUR = 3_600_000;

function request(messageId: string, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    messageId, payloadName: 'assistance-request', kind: 'rescue', sender: 'IDN', senderUnit: 'POLRI', recipients: ['KHM'],
    handling: 'amber', priority: 'immediate', createdAtUnixMs: NOW - HOUR, expiresAtUnixMs: NOW + 30 * 24 * HOUR,
    caseReference: 'IDN-2026-000123', inReplyTo: '', traffic: 'real', drillId: '', route: [], headline: 'Please rescue',
    victimCount: 3, identifierCount: 0, locationName: '', replyDeadlineUnixMs: NOW + HOUR, requestedState: 'KHM', relatedMessageId: '',
    ...overrides,
  };
}

const empty = { state: 'KHM', nowMs: NOW, received: [], sent: [], answeredByUs: new Set<string>(), escalations: new Map<string, number>() };

describe('reply deadlines', () => {
  test('the default deadline follows the priority: immediate 8 hours, urgent 3 days, routine 7 days', () => {
    const deadlines = replyDeadlines();
    assert.equal(replyDeadlineFor('immediate', NOW, deadlines), NOW + 8 * HOUR);
    assert.equal(replyDeadlineFor('urgent', NOW, deadlines), NOW + 72 * HOUR);
    assert.equal(replyDeadlineFor('routine', NOW, deadlines), NOW + 168 * HOUR);
    assert.deepEqual(deadlines, DEFAULT_REPLY_DEADLINE_MS);
  });

  test('a configured deadline overrides only its own priority', () => {
    const deadlines = replyDeadlines({ urgent: 24 * HOUR });
    assert.equal(replyDeadlineFor('urgent', NOW, deadlines), NOW + 24 * HOUR);
    assert.equal(replyDeadlineFor('immediate', NOW, deadlines), NOW + 8 * HOUR);
  });

  test('an assistance request without a deadline gets the node configured one; a given deadline is kept', () => {
    const base = {
      type: 'assistance-request', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
      caseReference: 'IDN-2026-000123', payload: { kind: 'shelter', requestedState: 'KHM', summary: 'Shelter for three persons.', personsCount: 3 },
    };
    const filled = withDefaultReplyDeadline(parseSubmissionInput(base), NOW, replyDeadlines({ urgent: 5 * HOUR }));
    assert.equal(filled.type === 'assistance-request' && filled.payload.replyDeadline, new Date(NOW + 5 * HOUR).toISOString());
    const given = parseSubmissionInput({ ...base, payload: { ...base.payload, replyDeadline: '2026-12-01T00:00:00Z' } });
    assert.equal(withDefaultReplyDeadline(given, NOW, replyDeadlines()), given);
  });

  test('requests addressed to us are due until we answer; reminders fold into the request they remind of', () => {
    const first = request('00000000-0000-4000-8000-000000000001', { replyDeadlineUnixMs: NOW - 1 });
    const second = request('00000000-0000-4000-8000-000000000002');
    const reminder = request('00000000-0000-4000-8000-000000000003', { relatedMessageId: first.messageId });
    const toOthers = request('00000000-0000-4000-8000-000000000004', { requestedState: 'THA' });
    const due = dueList({ ...empty, received: [second, first, reminder, toOthers] });
    assert.deepEqual(due.toAnswer.map((item) => [item.messageId, item.overdue, item.reminders]), [
      [first.messageId, true, 1],
      [second.messageId, false, 0],
    ]);
    assert.equal(due.toAnswer[1]?.remainingMs, HOUR);
    const answered = dueList({ ...empty, received: [second, first, reminder], answeredByUs: new Set([first.messageId]) });
    assert.deepEqual(answered.toAnswer.map((item) => item.messageId), [second.messageId]);
  });

  test('our requests await an answer until one comes; reminders and rejected requests are not listed', () => {
    const mine = request('00000000-0000-4000-8000-000000000005', { sender: 'IDN', replyDeadlineUnixMs: NOW - 10 });
    const answered = request('00000000-0000-4000-8000-000000000006');
    const reminder = request('00000000-0000-4000-8000-000000000007');
    const refused = request('00000000-0000-4000-8000-000000000008');
    const due = dueList({
      ...empty, state: 'IDN',
      sent: [
        { summary: mine, answered: false, rejected: false },
        { summary: answered, answered: true, rejected: false },
        { summary: reminder, answered: false, rejected: false, reminderFor: mine.messageId },
        { summary: refused, answered: false, rejected: true },
      ],
      escalations: new Map([[mine.messageId, NOW - 5]]),
    });
    assert.deepEqual(due.awaitingAnswer.map((item) => [item.messageId, item.overdue, item.escalatedAtUnixMs]), [[mine.messageId, true, NOW - 5]]);
  });
});
