// The year replay's traffic: how many of a year's cases go to each destination, and in what order.
//
// Where the mix comes from: Indonesia's foreign ministry handled 44,521 citizen-protection cases in
// 2023 (seeds/000, MISSION.md), but the sources split by destination only the 2,438 online-scam
// cases it handled by May 2023 (seeds/004): Cambodia 1,233, Philippines 469, Laos 276, Myanmar
// 205, Thailand 187, Viet Nam 34, Malaysia 30, UAE 4. The replay assumes the whole year went to
// the same destinations in the same proportions, and that every case is a rescue request (the
// case that owes the most replies), so it is an upper bound on a year of that many cases.
// Pure: no clock, no randomness; the same count always gives the same schedule.
import type { StateCode } from '../core/mod.ts';

/** Indonesia's 2023 citizen-protection cases (seeds/000). */
export const YEAR_2023_CASES = 44_521;

/** Where the online-scam cases Indonesia handled by May 2023 were (seeds/004), largest first. */
export const DESTINATION_WEIGHTS_2023: Readonly<Partial<Record<StateCode, number>>> = Object.freeze({
  KHM: 1_233,
  PHL: 469,
  LAO: 276,
  MMR: 205,
  THA: 187,
  VNM: 34,
  MYS: 30,
  ARE: 4,
});

/** Every case's sender. */
export const YEAR_SENDER: StateCode = 'IDN';

export type Weights = Readonly<Partial<Record<StateCode, number>>>;

/**
 * `total` cases split in proportion to `weights`, in whole cases that add up to `total` exactly
 * (largest remainder; a tie goes to the destination listed first).
 */
export function apportionCases(total: number, weights: Weights = DESTINATION_WEIGHTS_2023): Map<StateCode, number> {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be a whole number of cases, not ${total}`);
  const entries = Object.entries(weights) as Array<[StateCode, number]>;
  const weightSum = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (entries.length === 0 || weightSum <= 0) throw new RangeError('weights must name at least one destination with a positive weight');
  const shares = entries.map(([state, weight], order) => {
    const exact = (total * weight) / weightSum;
    return { state, order, whole: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((sum, share) => sum + share.whole, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.order - b.order);
  for (const share of byRemainder) {
    if (left === 0) break;
    share.whole += 1;
    left -= 1;
  }
  return new Map(shares.map((share) => [share.state, share.whole]));
}

/**
 * The destination of each case, in sending order: the destinations interleaved so that every
 * stretch of the replay carries about the year's mix (the one furthest behind its share goes
 * next), rather than all of Cambodia first.
 */
export function yearSchedule(total: number, weights: Weights = DESTINATION_WEIGHTS_2023): StateCode[] {
  const counts = [...apportionCases(total, weights)].filter(([, count]) => count > 0);
  const sent = counts.map(() => 0);
  const schedule: StateCode[] = [];
  for (let index = 0; index < total; index += 1) {
    let next = 0;
    let furthestBehind = Number.NEGATIVE_INFINITY;
    counts.forEach(([, count], position) => {
      const behind = (count * (index + 1)) / total - (sent[position] ?? 0);
      if ((sent[position] ?? 0) < count && behind > furthestBehind) {
        furthestBehind = behind;
        next = position;
      }
    });
    sent[next] = (sent[next] ?? 0) + 1;
    schedule.push(counts[next]![0]);
  }
  return schedule;
}
