// tipnet's end-to-end latency at fixed offered rates (--rates, each for --rate-seconds), open loop,
// on the running hub services and KHM reader of the tipnet phase: what a steady stream of alerts
// sees, rather than the closed-loop batches, which only ever offer what the path lets through.
import { publishSubmission } from '../node/mod.ts';
import type { ArrivalTracker } from './arrival-tracker.ts';
import type { BenchHub } from './bench-hub.ts';
import type { BenchOptions } from './bench-options.ts';
import { rateLatency, type RateLatency } from './bench-summary.ts';
import { summarizeLatencies } from './latency-summary.ts';
import { runOpenLoop } from './open-loop-run.ts';
import { signedAlerts } from './signed-alerts.ts';

export async function measureOfferedRates(
  hub: BenchHub,
  options: Pick<BenchOptions, 'rates' | 'rateSeconds' | 'phaseTimeoutMs'>,
  arrivals: ArrivalTracker,
  progress: (line: string) => void,
): Promise<RateLatency[]> {
  const results: RateLatency[] = [];
  for (const rate of options.rates) {
    const count = Math.max(1, Math.round(rate * options.rateSeconds));
    progress(`tipnet at ${rate}/s offered for ${options.rateSeconds} s (${count} alerts), open loop`);
    const alerts = signedAlerts(count, hub.senderKey, hub.matchingKey);
    const run = await runOpenLoop({
      name: `tipnet at ${rate}/s offered`,
      ratePerSec: rate,
      count,
      timeoutMs: options.phaseTimeoutMs,
      send: (index) => publishSubmission(hub.sender, alerts[index]!),
      expectArrival: (index) => arrivals.expect(alerts[index]!.messageId),
    });
    results.push(rateLatency(rate, run.achievedSendPerSec, summarizeLatencies(run.endToEndMs)));
  }
  return results;
}
