import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputValidationError } from '../../services/core/validation/mod.ts';
import { EMPTY_FEED_FILTER, feedFilterQuery, matchesFeedFilter, parseFeedFilter, type FeedFilter, type MessageSummary } from '../../services/node/mod.ts';

const rescue = {
  sender: 'IDN', payloadName: 'case-alert', kind: 'rescue-request', priority: 'immediate', handling: 'amber',
  caseReference: 'IDN-2026-000123', traffic: 'real',
  route: [{ state: 'IDN', role: 'origin', place: '' }, { state: 'THA', role: 'transit', place: '' }, { state: 'KHM', role: 'destination', place: '' }],
} as const satisfies Partial<MessageSummary>;

const report = { ...rescue, sender: 'THA', payloadName: 'intelligence-report', kind: 'intelligence-report', priority: 'routine', handling: 'green', route: [] } as const;

const filter = (overrides: Partial<FeedFilter>): FeedFilter => ({ ...EMPTY_FEED_FILTER, ...overrides });

describe('liaison-officer feed filter', () => {
  test('an empty filter lets everything through', () => {
    assert.equal(matchesFeedFilter(rescue, EMPTY_FEED_FILTER), true);
    assert.equal(matchesFeedFilter(report, EMPTY_FEED_FILTER), true);
  });

  test('a state matches in the role asked for, and only that role', () => {
    assert.equal(matchesFeedFilter(rescue, filter({ states: ['KHM'], roles: ['destination'] })), true);
    assert.equal(matchesFeedFilter(rescue, filter({ states: ['KHM'], roles: ['origin'] })), false);
    assert.equal(matchesFeedFilter(rescue, filter({ states: ['THA'], roles: ['origin', 'transit'] })), true);
    assert.equal(matchesFeedFilter(rescue, filter({ states: ['VNM'] })), false);
  });

  test('a state with no role given matches as any route role or as the sender', () => {
    assert.equal(matchesFeedFilter(rescue, filter({ states: ['IDN'] })), true);
    assert.equal(matchesFeedFilter(report, filter({ states: ['THA'] })), true);
    assert.equal(matchesFeedFilter(report, filter({ states: ['THA'], roles: ['transit'] })), false, 'the report has no route');
    assert.equal(matchesFeedFilter(report, filter({ states: ['THA'], roles: ['sender'] })), true);
  });

  test('kinds match the alert kind or the payload name', () => {
    assert.equal(matchesFeedFilter(rescue, filter({ kinds: ['rescue-request'] })), true);
    assert.equal(matchesFeedFilter(rescue, filter({ kinds: ['case-alert'] })), true);
    assert.equal(matchesFeedFilter(rescue, filter({ kinds: ['missing-person', 'intelligence-report'] })), false);
    assert.equal(matchesFeedFilter(report, filter({ kinds: ['missing-person', 'intelligence-report'] })), true);
  });

  test('priorities, handling marks, case reference and traffic class all have to match', () => {
    assert.equal(matchesFeedFilter(rescue, filter({ priorities: ['immediate', 'urgent'] })), true);
    assert.equal(matchesFeedFilter(report, filter({ priorities: ['immediate', 'urgent'] })), false);
    assert.equal(matchesFeedFilter(rescue, filter({ handling: ['red'] })), false);
    assert.equal(matchesFeedFilter(rescue, filter({ caseReference: 'IDN-2026-000123' })), true);
    assert.equal(matchesFeedFilter(rescue, filter({ caseReference: 'IDN-2026-000999' })), false);
    assert.equal(matchesFeedFilter(rescue, filter({ traffic: 'exercise' })), false);
    assert.equal(matchesFeedFilter({ ...rescue, traffic: 'exercise' }, filter({ traffic: 'exercise' })), true);
    assert.equal(matchesFeedFilter(rescue, filter({ states: ['KHM'], roles: ['destination'], kinds: ['rescue-request'], priorities: ['urgent'] })), false);
  });

  test('query parameters parse into a filter, comma-separated or repeated, and round-trip', () => {
    const parsed = parseFeedFilter(new URLSearchParams('states=idn,KHM&roles=destination&kinds=rescue-request&kinds=assistance-request&traffic=real'));
    assert.deepEqual(parsed, filter({ states: ['IDN', 'KHM'], roles: ['destination'], kinds: ['rescue-request', 'assistance-request'], traffic: 'real' }));
    assert.deepEqual(parseFeedFilter(feedFilterQuery(parsed)), parsed);
  });

  test('a bad query names every parameter and its rule', () => {
    let caught: unknown;
    try {
      parseFeedFilter(new URLSearchParams('states=XYZ&roles=victim&priorities=soon&traffic=drill'));
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof InputValidationError);
    const fields = caught.problems.map((problem) => problem.split(':')[0]);
    assert.deepEqual(fields, ['states[0]', 'roles[0]', 'priorities[0]', 'traffic']);
  });
});
