import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyRing, HUB_SENDER, REAL_TRAFFIC, composeEnvelope, v1 } from '../../services/core/mod.ts';
import { openDelivery } from '../../services/node/mod.ts';
import { BenchErrorCode, parseBenchOptions } from '../../services/bench/mod.ts';
import { destinationReplies, rescueRequest } from '../../services/bench/year-case-messages.ts';
import { apportionCases, DESTINATION_WEIGHTS_2023, YEAR_2023_CASES, yearSchedule } from '../../services/bench/year-mix.ts';
import { classify } from '../../services/bench/year-readers.ts';
import { CASE_ARRIVALS, YearTally } from '../../services/bench/year-tally.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((total, count) => total + count, 0);

test('a year of 44,521 cases is split over the 2023 destinations in whole cases that add up exactly', () => {
  const counts = apportionCases(YEAR_2023_CASES);
  assert.equal(sum(counts), 44_521);
  assert.deepEqual([...counts.keys()], Object.keys(DESTINATION_WEIGHTS_2023));
  // Cambodia had 1,233 of the 2,438 online-scam cases: about half.
  assert.equal(counts.get('KHM'), Math.round((44_521 * 1_233) / 2_438));
  for (const [state, count] of counts) {
    const exact = (44_521 * (DESTINATION_WEIGHTS_2023[state] ?? 0)) / 2_438;
    assert.ok(Math.abs(count - exact) < 1, `${state}: ${count} against ${exact}`);
  }
});

test('every count of cases, small or odd, adds up exactly', () => {
  for (const total of [0, 1, 2, 7, 99, 2_000, 2_438, 44_521, 100_003]) assert.equal(sum(apportionCases(total)), total, String(total));
  assert.deepEqual(Object.fromEntries(apportionCases(2_438)), DESTINATION_WEIGHTS_2023);
});

test('a count that is not a whole number of cases, or weights that name nobody, are refused', () => {
  assert.throws(() => apportionCases(-1), RangeError);
  assert.throws(() => apportionCases(1.5), RangeError);
  assert.throws(() => apportionCases(10, {}), RangeError);
});

test('the schedule sends each destination its share, the same way every time, interleaved through the run', () => {
  const schedule = yearSchedule(2_000);
  assert.equal(schedule.length, 2_000);
  assert.deepEqual(schedule, yearSchedule(2_000));
  const counted = new Map<string, number>();
  for (const state of schedule) counted.set(state, (counted.get(state) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(counted), Object.fromEntries([...apportionCases(2_000)].filter(([, count]) => count > 0)));
  // Cambodia's half is spread over the run, not sent first: about half of the first 100 cases.
  const firstHundredToCambodia = schedule.slice(0, 100).filter((state) => state === 'KHM').length;
  assert.ok(firstHundredToCambodia >= 45 && firstHundredToCambodia <= 56, `${firstHundredToCambodia} of the first 100`);
});

test('a case is complete once all five of its arrivals are in; a second arrival is a duplicate, a stranger unexpected', async () => {
  const tally = new YearTally();
  let complete = false;
  const done = tally.expectCase('alert-1').then(() => {
    complete = true;
  });
  void tally.expectCase('alert-2');
  for (const kind of CASE_ARRIVALS.slice(0, 4)) assert.equal(tally.arrive(kind, 'alert-1', 1), 'first');
  assert.equal(tally.arrive('read', 'alert-1', 2), 'duplicate');
  assert.equal(tally.arrive('alert', 'alert-9', 3), 'unexpected');
  await Promise.resolve();
  assert.equal(complete, false);
  assert.equal(tally.arrive('responseReceipt', 'alert-1', 4), 'first');
  await done;
  const counts = tally.counts();
  assert.equal(counts.completeCases, 1);
  assert.equal(counts.lost, 5, 'the second case owes all five');
  assert.equal(counts.duplicated, 1);
  assert.equal(counts.unexpected, 1);
  assert.equal(counts.lastReplyAtMs, 1, 'the duplicate READ at 2 does not count as the last reply');
  assert.equal(counts.lastArrivalAtMs, 4);
  assert.throws(() => tally.expectCase('alert-1'), RangeError);
});

test('the year replay is asked for with --year or --only year, 44,521 cases unless --year-cases says otherwise', () => {
  const year = parseBenchOptions(['--year'], {});
  assert.equal(year.only, 'year');
  assert.equal(year.yearCases, 44_521);
  assert.equal(parseBenchOptions(['--only', 'year', '--year-cases', '2000'], {}).yearCases, 2_000);
  assert.equal(parseBenchOptions([], { BENCH_ONLY: 'year', BENCH_YEAR_CASES: '500' }).yearCases, 500);
  assert.equal(parseBenchOptions([], {}).only, 'all');
});

test('--year with --only store, or zero year cases, is refused by its flag', () => {
  assert.throws(() => parseBenchOptions(['--year', '--only', 'store'], {}), (error: { code?: string; message: string }) => error.code === BenchErrorCode.invalidOptions && /--year/.test(error.message));
  assert.throws(() => parseBenchOptions(['--year', '--year-cases', '0'], {}), (error: { code?: string; message: string }) => error.code === BenchErrorCode.invalidOptions && /--year-cases/.test(error.message));
});

test("a case's rescue request, READ and response verify, and each is counted as its case's arrival where it lands", () => {
  const ring = generateKeyRing(['IDN', 'MMR', HUB_SENDER]);
  const key = (owner: string) => ring.signingKeys[owner]!;
  const alert = rescueRequest(7, 'MMR', key('IDN'), TEST_MATCHING_KEY, Date.now());
  const alertId = alert.envelope.messageId;
  const atMyanmar = openDelivery(alert.bytes, ring.directory);
  assert.deepEqual(atMyanmar.envelope.distribution?.states, ['MMR']);
  assert.equal(atMyanmar.envelope.caseReference, 'IDN-2023-000007');
  assert.deepEqual(classify('MMR', atMyanmar, new Map()), { kind: 'alert', alertId });

  const { read, response } = destinationReplies(atMyanmar.envelope, 'MMR', key('MMR'), Date.now());
  assert.deepEqual(classify('IDN', openDelivery(read.bytes, ring.directory), new Map()), { kind: 'read', alertId });
  assert.deepEqual(classify('IDN', openDelivery(response.bytes, ring.directory), new Map()), { kind: 'response', alertId });

  const receipt = (acknowledged: string, recipient: string) => composeEnvelope({
    sender: HUB_SENDER, senderUnit: 'HUB', recipients: { mode: 'named', states: ['IDN'] }, handling: v1.HandlingMark.HANDLING_MARK_GREEN,
    priority: v1.Priority.PRIORITY_ROUTINE, traffic: REAL_TRAFFIC, inReplyTo: acknowledged, createdAtUnixMs: Date.now(), lifetimeMs: 3_600_000,
    payload: { name: 'acknowledgement', message: v1.Acknowledgement.create({ acknowledgedMessageId: acknowledged, status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_DELIVERED, acknowledgingState: recipient }) },
  }, key(HUB_SENDER));
  assert.deepEqual(classify('IDN', openDelivery(receipt(alertId, 'MMR').bytes, ring.directory), new Map()), { kind: 'alertReceipt', alertId });
  const responses = new Map([[response.envelope.messageId, alertId]]);
  assert.deepEqual(classify('MMR', openDelivery(receipt(response.envelope.messageId, 'IDN').bytes, ring.directory), responses), { kind: 'responseReceipt', alertId });
  assert.match(String(classify('MMR', openDelivery(receipt('someone-else', 'IDN').bytes, ring.directory), responses)), /DELIVERED from HUB at MMR/);
});
