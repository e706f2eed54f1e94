// The hub services' memory over a steady open-loop run (--memory-seconds at --memory-rate): RSS at
// the start, after one minute and at the end, to show it flat rather than growing. The hub services
// run inside the bench process, with IDN's client and KHM's reader, so the figure is that
// process's RSS: an upper bound for the services alone.
import { publishSubmission } from '../node/mod.ts';
import type { ArrivalTracker } from './arrival-tracker.ts';
import type { BenchHub } from './bench-hub.ts';
import type { BenchOptions } from './bench-options.ts';
import type { MemoryFigures } from './bench-summary.ts';
import { runOpenLoop } from './open-loop-run.ts';
import { signedAlerts } from './signed-alerts.ts';

const MB = 1024 * 1024;
/** Alerts are signed in slices of this many seconds, so a long run does not hold them all at once. */
const SLICE_SECONDS = 10;

export async function measureMemory(hub: BenchHub, options: Pick<BenchOptions, 'memorySeconds' | 'memoryRate' | 'phaseTimeoutMs'>, arrivals: ArrivalTracker): Promise<MemoryFigures> {
  const startMb = process.memoryUsage().rss / MB;
  let oneMinuteMb: number | null = null;
  const startedAt = Date.now();
  for (let elapsed = 0; elapsed < options.memorySeconds; elapsed += SLICE_SECONDS) {
    const seconds = Math.min(SLICE_SECONDS, options.memorySeconds - elapsed);
    const count = Math.max(1, Math.round(seconds * options.memoryRate));
    const alerts = signedAlerts(count, hub.senderKey, hub.matchingKey);
    await runOpenLoop({
      name: `memory run at ${options.memoryRate}/s`, ratePerSec: options.memoryRate, count, timeoutMs: options.phaseTimeoutMs,
      send: (index) => publishSubmission(hub.sender, alerts[index]!),
      expectArrival: (index) => arrivals.expect(alerts[index]!.messageId),
    });
    if (oneMinuteMb === null && Date.now() - startedAt >= 60_000) oneMinuteMb = process.memoryUsage().rss / MB;
  }
  return {
    seconds: options.memorySeconds,
    offeredPerSec: options.memoryRate,
    hubServicesRssStartMb: startMb,
    hubServicesRssOneMinuteMb: oneMinuteMb,
    hubServicesRssEndMb: process.memoryUsage().rss / MB,
    process: 'the bench process: hub services, IDN client and KHM reader',
  };
}
