// Catch-up after an outage: alerts addressed to KHM pile up while nothing hands them to its inbox,
// then the hand-over starts and the bench times the drain until the last one is read there. For
// tipnet the alerts are routed by the real router with KHM's dispatcher not running (what a leaf
// that stayed away looks like once the router is done); the copies wait in TIP_DELIVERIES, and
// KHM's dispatcher is started. For the baseline the same number wait in the bare stream and the
// windowed bare forwarder is started. Both drain a replicated hub stream into KHM's TIP_INBOX, and
// both count an arrival by its Nats-Msg-Id: this is the hub's drain, not KHM's verification.
import { jetstreamManager } from '@nats-io/jetstream';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONSUMERS, createLogger, STREAMS } from '../core/mod.ts';
import { publishSubmission } from '../node/mod.ts';
import { routingPolicy, startDispatcher, startHubServices } from '../router/mod.ts';
import { ArrivalTracker } from './arrival-tracker.ts';
import { BenchError, BenchErrorCode } from './bench-error.ts';
import { BENCH_STATES, RECIPIENT, SENDER, type BenchHub } from './bench-hub.ts';
import type { BenchOptions } from './bench-options.ts';
import { startBareForwarder } from './bare-hub.ts';
import { identifyByMessageIdHeader, identifyCopyByMessageIdHeader, startInboxArrivals, type IdentifyArrival } from './inbox-arrivals.ts';
import { signedAlerts } from './signed-alerts.ts';
import { runWindowed } from './windowed-run.ts';

type CatchUpOptions = Pick<BenchOptions, 'catchUp' | 'concurrency' | 'phaseTimeoutMs' | 'hubNodes'>;

/** Seconds for the bare forwarder to drain a backlog of options.catchUp alerts in the bare stream. */
export async function bareCatchUpSeconds(hub: BenchHub, options: CatchUpOptions): Promise<number> {
  const alerts = await queueBacklog(hub, options, 'bare catch-up backlog');
  return timeDrain(hub, options, alerts, identifyByMessageIdHeader, 'bench-bare-catch-up', async () => {
    const forwarder = await startBareForwarder(hub.hub, RECIPIENT, options.concurrency);
    return () => forwarder.stop();
  });
}

/** Seconds for KHM's dispatcher to drain the copies of options.catchUp alerts routed while it was away. */
export async function tipnetCatchUpSeconds(hub: BenchHub, options: CatchUpOptions): Promise<number> {
  const logger = createLogger({ service: 'hub', level: 'silent' });
  // The router and IDN's dispatcher (receipts) run; nothing hands KHM's copies over.
  const services = await startHubServices({
    nc: hub.hub, replicas: options.hubNodes, directory: hub.directory, policy: routingPolicy({ states: BENCH_STATES }),
    hubKey: hub.hubKey, logger, dispatchTo: [SENDER],
  });
  try {
    const alerts = await queueBacklog(hub, options, 'tipnet catch-up backlog');
    await untilRouted(hub, options.phaseTimeoutMs);
    return await timeDrain(hub, options, alerts, identifyCopyByMessageIdHeader, 'bench-tipnet-catch-up', async () => {
      const dispatcher = await startDispatcher({ nc: hub.hub, states: [RECIPIENT], hubKey: hub.hubKey, logger });
      return () => dispatcher.stop();
    });
  } finally {
    await services.stop();
  }
}

async function queueBacklog(hub: BenchHub, options: CatchUpOptions, name: string): Promise<ReturnType<typeof signedAlerts>> {
  const alerts = signedAlerts(options.catchUp, hub.senderKey, hub.matchingKey);
  await runWindowed({
    name, count: alerts.length, window: options.concurrency, timeoutMs: options.phaseTimeoutMs,
    send: (index) => publishSubmission(hub.sender, alerts[index]!),
  });
  return alerts;
}

/** Waits until the router has taken every submission out of TIP_SUBMISSIONS. */
async function untilRouted(hub: BenchHub, timeoutMs: number): Promise<void> {
  const jsm = await jetstreamManager(hub.hub);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const info = await jsm.consumers.info(STREAMS.submissions, CONSUMERS.router);
    if (info.num_pending + info.num_ack_pending === 0) return;
    if (performance.now() > deadline) throw new BenchError(BenchErrorCode.timedOut, `catch-up: the router still held ${info.num_pending + info.num_ack_pending} submissions after ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function timeDrain(
  hub: BenchHub, options: CatchUpOptions, alerts: ReturnType<typeof signedAlerts>, identify: IdentifyArrival, readerName: string,
  startDraining: () => Promise<() => Promise<void>>,
): Promise<number> {
  const arrivals = new ArrivalTracker();
  const reader = await startInboxArrivals(hub.recipient, readerName, identify, arrivals);
  try {
    const all = Promise.all(alerts.map((alert) => arrivals.expect(alert.messageId)));
    const startedAt = performance.now();
    const stop = await startDraining();
    try {
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([all, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.phaseTimeoutMs)))]);
      clearTimeout(timer);
      if (outcome === 'timeout') throw new BenchError(BenchErrorCode.timedOut, `${readerName}: ${alerts.length - arrivals.pending}/${alerts.length} drained within ${options.phaseTimeoutMs} ms`);
      return (performance.now() - startedAt) / 1_000;
    } finally {
      await stop();
    }
  } finally {
    await reader.stop();
    if (reader.failures.length > 0) throw new BenchError(BenchErrorCode.deliveryFailed, `${readerName}: ${reader.failures.length} arrivals failed, first: ${reader.failures[0]}`);
  }
}
