// The dashboard's pure modules (plain ES modules served to the browser) checked on Node: the
// words officers read, absolute times with their zone, the map projection and the URL's view.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

// The modules are browser JavaScript without type declarations: imported by URL, typed here.
const dashboardModule = (name: string): Promise<unknown> => import(new URL(`../../services/node/dashboard/js/${name}`, import.meta.url).href);

interface Words {
  admiraltyWords(reliability: string, credibility: number): string;
  handlingMark(handling: string): string;
  handlingPermits(handling: string): string;
  identifiersWords(kinds: string[], count?: number): string;
  victimGroupWords(group: { count: number; ageBand: string; gender: string; nationality: string }): string;
  kindWords(kind: string): string;
  priorityWords(priority: string): string;
  outcomeWords(outcome: string): string;
  withdrawnWords(withdrawal: { reason: string }): string;
  hitViaWords(counterpart: { via: string; identifierKind?: string; matchedIdentifiers?: number }): string;
  shortHitId(hitId: string): string;
  followUpWords(hitId: string | undefined, hit?: { via: string; counterpartState: string; ourMessageId?: string; ourCaseReference?: string }): string | undefined;
}
interface Dates {
  absoluteTime(ms: number, timeZone?: string): string;
  deadlineWords(deadline: object, timeZone: string, nowMs: number): string;
}
interface Projection {
  project(longitude: number, latitude: number): [number, number];
  mapPoints(route: object[], locations: object[]): { legs: { state: string; atCapital: boolean; latitude: number }[]; places: object[] };
}
interface Router {
  parseView(search: string): Record<string, unknown>;
  viewSearch(view: Record<string, unknown>): string;
  inboxQuery(view: Record<string, unknown>): URLSearchParams;
}

interface Badges { recipientText(recipient: object): string }

const words = (await dashboardModule('words.js')) as Words;
const badges = (await dashboardModule('badges.js')) as Badges;
const dates = (await dashboardModule('dates.js')) as Dates;
const projection = (await dashboardModule('projection.js')) as Projection;
const router = (await dashboardModule('router.js')) as Router;

// 1 Dec 2026, 14:41 UTC
const DEC_1 = Date.UTC(2026, 11, 1, 14, 41);

describe('dashboard words', () => {
  test('an Admiralty grade is spelled out: B2 is "usually reliable, probably true"', () => {
    assert.equal(words.admiraltyWords('B', 2), 'B2: usually reliable, probably true');
    assert.equal(words.admiraltyWords('A', 1), 'A1: completely reliable, confirmed by other sources');
    assert.equal(words.admiraltyWords('F', 6), 'F6: reliability cannot be judged, truth cannot be judged');
    assert.equal(words.admiraltyWords('G', 2), 'Not graded');
  });

  test('handling marks say what they permit, in TLP 2.0 words', () => {
    assert.equal(words.handlingMark('amber-strict'), 'TLP:AMBER+STRICT');
    assert.match(words.handlingPermits('red'), /named recipients only/);
    assert.match(words.handlingPermits('amber-strict'), /within their own organisation\.$/);
    assert.match(words.handlingPermits('clear'), /without limit/);
  });

  test('identifiers are counted and named by kind, never shown', () => {
    assert.equal(words.identifiersWords(['passport', 'phone']), '2 identifiers: passport, phone (kept as keyed hashes)');
    assert.equal(words.identifiersWords([], 1), '1 identifier (kept as keyed hashes)');
    assert.equal(words.identifiersWords([]), 'No identifiers');
  });

  test('enum words become plain words, also ones no table knows', () => {
    assert.equal(words.kindWords('rescue-request'), 'Rescue request');
    assert.equal(words.priorityWords('immediate'), 'Immediate');
    assert.equal(words.outcomeWords('delayed'), 'Delayed, with reason');
    assert.equal(words.kindWords('some-new-kind'), 'Some new kind');
    assert.doesNotMatch(words.kindWords('CASE_ALERT_KIND_SOMETHING_NEW'), /_|[A-Z]{2}/);
    assert.equal(words.victimGroupWords({ count: 3, ageBand: '18-24', gender: 'male', nationality: 'IDN' }), '3 persons, 18 to 24, male, nationality Indonesia (IDN)');
    assert.equal(words.withdrawnWords({ reason: 'duplicate' }), 'Withdrawn: duplicate');
  });

  test("a case's links say from this state's side how each hit matched, and shorten hit ids", () => {
    assert.equal(words.hitViaWords({ via: 'report', identifierKind: 'phone', matchedIdentifiers: 1 }), 'their report matched our phone (1 identifier)');
    assert.equal(words.hitViaWords({ via: 'query-by-them', identifierKind: 'national-id', matchedIdentifiers: 1 }), 'their query matched our national ID');
    assert.equal(words.hitViaWords({ via: 'query-by-us', identifierKind: 'passport', matchedIdentifiers: 2 }), 'our query matched their passport (2 identifiers)');
    assert.equal(words.shortHitId('hit-3f2a9c1e7b4d6a80'), '3f2a9c1e…');
    assert.equal(words.shortHitId('hit-1'), '1');
    assert.equal(words.followUpWords(undefined), undefined);
    assert.equal(words.followUpWords('h-9'), 'Hit h-9 (not a hit this state was told of)');
    assert.equal(words.followUpWords('h-1', { via: 'report', counterpartState: 'THA', ourMessageId: 'm-1', ourCaseReference: 'IDN-2026-000321' }),
      'Hit h-1: Thailand (THA): their report matched our identifier (our message m-1, case IDN-2026-000321)');
  });
});

describe('dashboard receipts', () => {
  test('a recipient\'s receipt names the unit and officer, and an answer its outcome', () => {
    const dara = { unit: 'KHM-NCB', note: 'officer dara' };
    assert.equal(badges.recipientText({ state: 'KHM', stage: 'read', readAtUnixMs: 1, readBy: dara }), 'KHM: read by KHM-NCB (officer dara)');
    assert.equal(badges.recipientText({ state: 'KHM', stage: 'answered', readAtUnixMs: 1, actionedAtUnixMs: 2, actionedBy: dara, answer: { outcome: 'in-progress' } }),
      'KHM: actioned by KHM-NCB (officer dara), answered: In progress');
    assert.equal(badges.recipientText({ state: 'THA', stage: 'pending' }), 'THA: not delivered yet');
  });
});

describe('dashboard dates', () => {
  test('times are absolute, in the officer\'s zone, with the ASEAN abbreviation and the offset', () => {
    assert.equal(dates.absoluteTime(DEC_1, 'Asia/Jakarta'), '1 Dec 2026, 21:41 WIB (UTC+7)');
    assert.equal(dates.absoluteTime(DEC_1, 'Asia/Makassar'), '1 Dec 2026, 22:41 WITA (UTC+8)');
    assert.equal(dates.absoluteTime(DEC_1, 'Asia/Yangon'), '1 Dec 2026, 21:11 MMT (UTC+6:30)');
    assert.equal(dates.absoluteTime(DEC_1, 'Asia/Phnom_Penh'), '1 Dec 2026, 21:41 ICT (UTC+7)');
    assert.equal(dates.absoluteTime(DEC_1, 'Asia/Manila'), '1 Dec 2026, 22:41 PHT (UTC+8)');
    assert.equal(dates.absoluteTime(DEC_1, 'Europe/Paris'), '1 Dec 2026, 15:41 UTC+1');
    assert.equal(dates.absoluteTime(DEC_1, 'UTC'), '1 Dec 2026, 14:41 UTC');
    assert.equal(dates.absoluteTime(0, 'UTC'), '—');
  });

  test('a deadline names who is late, and a delayed one its reason', () => {
    const late = { atUnixMs: DEC_1, state: 'open', overdue: true, owedBy: ['KHM', 'THA'], late: ['KHM'] };
    assert.equal(dates.deadlineWords(late, 'Asia/Jakarta', DEC_1 + 2 * 3_600_000), 'Reply by 1 Dec 2026, 21:41 WIB (UTC+7) (2 h 0 min ago); late: KHM');
    const delayed = { atUnixMs: DEC_1, state: 'delayed', overdue: false, owedBy: ['KHM'], late: [], delayReason: 'waiting for a court order' };
    assert.equal(dates.deadlineWords(delayed, 'Asia/Jakarta', DEC_1 - 1), 'Delayed to 1 Dec 2026, 21:41 WIB (UTC+7) (waiting for a court order)');
    assert.match(dates.deadlineWords({ ...late, state: 'withdrawn' }, 'UTC', DEC_1), /^No deadline in force/);
  });
});

describe('dashboard map points and view', () => {
  test('a leg without coordinates is marked at its state\'s capital; a leg with the compound\'s place at the compound', () => {
    const route = [{ state: 'KHM', role: 'destination', place: 'Sihanoukville' }, { state: 'IDN', role: 'origin', place: 'Medan' }];
    const { legs, places } = projection.mapPoints(route, [{ state: 'KHM', placeName: 'Sihanoukville', latitude: 10.627, longitude: 103.522, role: 'compound' }]);
    assert.deepEqual(legs.map((leg) => [leg.state, leg.atCapital, leg.latitude]), [['IDN', true, -6.2088], ['KHM', false, 10.627]]);
    assert.equal(places.length, 1);
    assert.deepEqual(projection.project(91, 29), [0, 0]);
  });

  test('the view round-trips through the query string, defaults left out', () => {
    const view = router.parseView('?box=sent&kinds=rescue-request,hit-notice&unread=true&page=3&open=abc&sort=deadline');
    assert.deepEqual(view.kinds, ['rescue-request', 'hit-notice']);
    assert.equal(view.page, 3);
    assert.equal(router.viewSearch(view), '?kinds=rescue-request%2Chit-notice&box=sent&sort=deadline&unread=true&page=3&open=abc');
    const query = router.inboxQuery(view);
    assert.equal(query.get('pageSize'), '50');
    assert.equal(query.get('open'), null);
    assert.equal(router.viewSearch(router.parseView('')), '');
  });
});
