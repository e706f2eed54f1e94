import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseLinks, type CaseLinkInput } from '../../services/node/links/case-links.ts';

const ALERT = '0a000000-0000-4000-8000-000000000001';
const QUERY = '0a000000-0000-4000-8000-000000000002';
const OTHER = '0a000000-0000-4000-8000-000000000009';

function input(changes: Partial<CaseLinkInput> = {}): CaseLinkInput {
  return {
    ownState: 'IDN',
    caseReference: 'IDN-2026-000300',
    messages: [
      { messageId: QUERY, payloadName: 'hit-query', createdAtUnixMs: 2_000 },
      { messageId: ALERT, payloadName: 'case-alert', createdAtUnixMs: 1_000 },
    ],
    hitNotices: [],
    queryAnswers: [],
    followUps: [],
    ownIdentifiers: [],
    ...changes,
  };
}

const notice = (hitId: string, counterpartState: string, fromQuery: boolean, atMs: number, yourMessageId = ALERT) => ({
  hitId, counterpartState, yourMessageId, identifierKind: 'phone', matchedIdentifiers: 1, detectedAtUnixMs: atMs, fromQuery, exercise: false,
});

test('a case this state sent nothing in has no links', () => {
  assert.equal(caseLinks(input({ messages: [] })), undefined);
});

test("hit notices on the case's own messages become counterparts: a report match, or their query matching our identifier", () => {
  const links = caseLinks(input({
    hitNotices: [notice('hit-b', 'VNM', true, 5_000), notice('hit-a', 'THA', false, 4_000), notice('hit-x', 'MYS', false, 3_000, OTHER)],
  }));
  assert.deepEqual(links?.messages.map((message) => message.messageId), [ALERT, QUERY]);
  assert.deepEqual(links?.counterparts, [
    { hitId: 'hit-a', counterpartState: 'THA', via: 'report', ourMessageId: ALERT, identifierKind: 'phone', matchedIdentifiers: 1, atUnixMs: 4_000, exercise: false, followUps: [] },
    { hitId: 'hit-b', counterpartState: 'VNM', via: 'query-by-them', ourMessageId: ALERT, identifierKind: 'phone', matchedIdentifiers: 1, atUnixMs: 5_000, exercise: false, followUps: [] },
  ]);
});

test('an answer to our query gives one counterpart per hit id, counting the identifiers that hit names', () => {
  const links = caseLinks(input({
    queryAnswers: [{
      queryMessageId: QUERY, answeredAtUnixMs: 6_000, exercise: true,
      results: [
        { identifierKind: 'passport', hits: [{ counterpartState: 'PHL', hitId: 'hit-q1' }, { counterpartState: 'KHM', hitId: 'hit-q2' }] },
        { identifierKind: 'phone', hits: [{ counterpartState: 'PHL', hitId: 'hit-q1' }] },
        { identifierKind: 'email', hits: [] },
      ],
    }, { queryMessageId: OTHER, answeredAtUnixMs: 6_000, exercise: false, results: [{ identifierKind: 'phone', hits: [{ counterpartState: 'LAO', hitId: 'hit-other' }] }] }],
  }));
  assert.deepEqual(links?.counterparts.map((c) => [c.hitId, c.counterpartState, c.via, c.ourMessageId, c.identifierKind, c.matchedIdentifiers, c.exercise]), [
    ['hit-q1', 'PHL', 'query-by-us', QUERY, 'passport', 2, true],
    ['hit-q2', 'KHM', 'query-by-us', QUERY, 'passport', 1, true],
  ]);
});

test('a hit told twice is one counterpart, with its follow-up requests either way, oldest first', () => {
  const links = caseLinks(input({
    hitNotices: [notice('hit-a', 'THA', false, 4_000), notice('hit-a', 'THA', false, 4_500)],
    followUps: [
      { hitId: 'hit-a', messageId: 'f2', direction: 'received', atUnixMs: 9_000 },
      { hitId: 'hit-a', messageId: 'f1', direction: 'sent', atUnixMs: 8_000 },
      { hitId: 'hit-z', messageId: 'f3', direction: 'sent', atUnixMs: 8_000 },
    ],
  }));
  assert.equal(links?.counterparts.length, 1);
  assert.deepEqual(links?.counterparts[0]?.followUps, [
    { messageId: 'f1', direction: 'sent', atUnixMs: 8_000 },
    { messageId: 'f2', direction: 'received', atUnixMs: 9_000 },
  ]);
});

test("other own cases sharing keyed identifiers are linked by reference, never another state's case, never across traffic classes", () => {
  const row = (caseReference: string, key: string, identifierKind = 'phone', traffic = 'real') => ({ caseReference, key, identifierKind, traffic });
  const links = caseLinks(input({
    ownIdentifiers: [
      row('IDN-2026-000300', 'k-phone'), row('IDN-2026-000300', 'k-passport', 'passport'),
      row('IDN-2026-000400', 'k-phone'), row('IDN-2026-000400', 'k-phone'),
      row('IDN-2026-000200', 'k-phone'), row('IDN-2026-000200', 'k-passport', 'passport'), row('IDN-2026-000200', 'k-unrelated'),
      row('THA-2026-000900', 'k-phone'),
      row('IDN-2026-000500', 'k-passport', 'passport', 'exercise:D1'),
      row('IDN-2026-000600', 'k-other'),
    ],
  }));
  assert.deepEqual(links?.linkedCases, [
    { caseReference: 'IDN-2026-000200', sharedIdentifiers: 2, identifierKinds: ['passport', 'phone'] },
    { caseReference: 'IDN-2026-000400', sharedIdentifiers: 1, identifierKinds: ['phone'] },
  ]);
});

test('during a matching key overlap an identifier held under both keys counts once among the shared identifiers', () => {
  const row = (caseReference: string, key: string, hashKeyId: string, identifierKind = 'passport') => ({ caseReference, key, identifierKind, traffic: 'real', hashKeyId });
  const links = caseLinks(input({
    ownIdentifiers: [
      row('IDN-2026-000300', 'new-passport', 'mk-new'), row('IDN-2026-000300', 'old-passport', 'mk-old'),
      row('IDN-2026-000200', 'new-passport', 'mk-new'), row('IDN-2026-000200', 'old-passport', 'mk-old'),
      row('IDN-2026-000100', 'old-passport', 'mk-old'),
    ],
  }));
  assert.deepEqual(links?.linkedCases, [
    { caseReference: 'IDN-2026-000100', sharedIdentifiers: 1, identifierKinds: ['passport'] },
    { caseReference: 'IDN-2026-000200', sharedIdentifiers: 1, identifierKinds: ['passport'] },
  ]);
});
