// The year replay (issue 15): a year of Indonesia's cases through the full topology, timed. A
// 3-server hub (R3) with a leaf for IDN and each destination of the 2023 mix (year-mix.ts), the
// real router and dispatcher, and each state's software on its own leaf: IDN submits each case as a
// signed rescue request, the destination verifies it and answers READ and ACCEPTED, and every
// receipt and reply is counted against its case (year-tally.ts) until all have arrived. `window`
// cases are open at once: a new one is sent when one is complete, so queues stay bounded and the
// figure is the rate the topology sustains. The replay fails when nothing arrives for the phase
// timeout, naming what was missing.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { CleanupStack } from '../deployment/mod.ts';
import { publishSubmission } from '../node/mod.ts';
import { BenchError, BenchErrorCode } from './bench-error.ts';
import { startBenchHub, type BenchHub } from './bench-hub.ts';
import { hubServiceCounters, startBenchHubServices } from './bench-hub-services.ts';
import type { BenchOptions } from './bench-options.ts';
import type { Machine } from './bench-summary.ts';
import { startCpuCount } from './cpu-usage.ts';
import { rescueRequest } from './year-case-messages.ts';
import { apportionCases, DESTINATION_WEIGHTS_2023, YEAR_SENDER, yearSchedule } from './year-mix.ts';
import { startYearReaders } from './year-readers.ts';
import { CASE_ARRIVALS, YearTally } from './year-tally.ts';
import type { StateCode } from '../core/mod.ts';

export interface YearReplayFigures {
  readonly cases: number;
  /** Cases per destination (the 2023 mix scaled to `cases`). */
  readonly destinations: Readonly<Record<string, number>>;
  /** Cases open at once (--concurrency). */
  readonly window: number;
  /** First submission until the last receipt or reply of the last case arrived. */
  readonly wallSeconds: number;
  /** First submission until the hub acknowledged the last rescue request. */
  readonly sendSeconds: number;
  /** First submission until the last READ or assistance response arrived at IDN. */
  readonly lastReplySeconds: number;
  readonly casesPerSec: number;
  /** READ acknowledgements and assistance responses arrived at IDN, per second of wall time. */
  readonly repliesPerSec: number;
  /** Signed submissions published: rescue requests by IDN, replies by the destinations. */
  readonly submissions: number;
  /** Messages that arrived in an inbox, receipts included: 5 per case. */
  readonly deliveries: number;
  readonly deliveriesPerSec: number;
  /** Receipts and replies owed and never seen, seen twice, or belonging to no case. */
  readonly lost: number;
  readonly duplicated: number;
  readonly unexpected: number;
  readonly arrived: Readonly<Record<string, number>>;
  /** CPU per case: this process (hub services and every state's software), hub servers, leaf servers. */
  readonly cpuPerCaseUs: { readonly benchProcess: number; readonly hubServers: number; readonly leafServers: number };
  /** Share of the replay this process's event loop was busy (1: saturated). */
  readonly eventLoopBusy: number;
  readonly hubServices: Readonly<Record<string, number>>;
}

export interface YearReplayReport {
  readonly startedAt: string;
  readonly options: BenchOptions;
  readonly machine: Machine;
  readonly yearReplay: YearReplayFigures;
}

/** After the last case is complete, arrivals are still counted this long: a late duplicate shows. */
const SETTLE_MS = 2_000;
const PROGRESS_EVERY_MS = 10_000;

export async function runYearReplay(options: BenchOptions, cleanup: CleanupStack, progress: (line: string) => void): Promise<YearReplayReport> {
  const startedAt = new Date().toISOString();
  const loadAverageStart = loadavg();
  const destinations = apportionCases(options.yearCases);
  const states: StateCode[] = [YEAR_SENDER, ...(Object.keys(DESTINATION_WEIGHTS_2023) as StateCode[])];
  progress(`year replay: ${options.yearCases.toLocaleString('en-US')} cases, ${[...destinations].map(([state, count]) => `${state} ${count}`).join(', ')}`);
  progress(`starting a ${options.hubNodes}-node hub with leaves ${states.join(', ')}`);
  const hub = await startBenchHub(options.hubNodes, cleanup, states);
  const services = await startBenchHubServices(hub, options, cleanup);
  const tally = new YearTally();
  const readers = await startYearReaders(states, {
    tally, directory: hub.directory, leaf: (state) => hub.leaf(state), signingKeyOf: (state) => hub.signingKeyOf(state),
  });
  cleanup.defer('stop the year replay readers', () => readers.stop());

  progress(`year replay: sending, ${options.concurrency} cases open at once`);
  const cpuSpent = startCpuCount(hub.serverPids);
  const loopAtStart = performance.eventLoopUtilization();
  const run = await replayCases(hub, options, tally, readers.failures, progress);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const cpu = cpuSpent();
  const loop = performance.eventLoopUtilization(loopAtStart);
  await readers.stop();
  for (const running of services) await running.stop();
  if (readers.failures.length > 0) {
    throw new BenchError(BenchErrorCode.deliveryFailed, `year replay: ${readers.failures.length} failures, first: ${readers.failures[0]}`);
  }

  const counts = tally.counts();
  const seconds = (atMs: number | undefined) => ((atMs ?? Number.NaN) - run.startedAtMs) / 1_000;
  const wallSeconds = seconds(counts.lastArrivalAtMs);
  const replies = counts.arrived.read + counts.arrived.response;
  const deliveries = CASE_ARRIVALS.reduce((sum, kind) => sum + counts.arrived[kind], 0);
  const perCase = (ms: number) => (ms * 1_000) / counts.cases;
  const machine = { cores: cpus().length, node: process.version, natsServer: hub.hub.info?.version ?? 'unknown', loadAverageStart, loadAverageEnd: loadavg() };
  return {
    startedAt,
    options,
    machine,
    yearReplay: {
      cases: counts.cases,
      destinations: Object.fromEntries(destinations),
      window: options.concurrency,
      wallSeconds,
      sendSeconds: seconds(run.lastAlertAckAtMs),
      lastReplySeconds: seconds(counts.lastReplyAtMs),
      casesPerSec: counts.cases / wallSeconds,
      repliesPerSec: replies / wallSeconds,
      submissions: run.alertsSubmitted + readers.repliesSubmitted(),
      deliveries,
      deliveriesPerSec: deliveries / wallSeconds,
      lost: counts.lost,
      duplicated: counts.duplicated,
      unexpected: counts.unexpected,
      arrived: counts.arrived,
      cpuPerCaseUs: { benchProcess: perCase(cpu.nodeMs), hubServers: perCase(cpu.hubServersMs), leafServers: perCase(cpu.leafServersMs) },
      eventLoopBusy: loop.utilization,
      hubServices: hubServiceCounters(services),
    },
  };
}

interface CaseRun {
  readonly startedAtMs: number;
  readonly lastAlertAckAtMs: number | undefined;
  readonly alertsSubmitted: number;
}

/** Sends every case of the schedule with `concurrency` open at once; resolves when all are complete. */
async function replayCases(hub: BenchHub, options: BenchOptions, tally: YearTally, failures: readonly string[], progress: (line: string) => void): Promise<CaseRun> {
  const schedule = yearSchedule(options.yearCases);
  const senderKey = hub.signingKeyOf(YEAR_SENDER);
  const sender = hub.leaf(YEAR_SENDER);
  let next = 0;
  let alertsSubmitted = 0;
  let lastAlertAckAtMs: number | undefined;
  const worker = async () => {
    while (next < schedule.length) {
      const index = next++;
      const alert = rescueRequest(index + 1, schedule[index]!, senderKey, hub.matchingKey, Date.now());
      const complete = tally.expectCase(alert.envelope.messageId);
      await publishSubmission(sender, alert.envelope, { encoded: alert.bytes });
      alertsSubmitted += 1;
      lastAlertAckAtMs = performance.now();
      await complete;
    }
  };
  const startedAtMs = performance.now();
  const watchdog = watchProgress(tally, failures, options.phaseTimeoutMs, progress);
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(options.concurrency, schedule.length) }, worker)), watchdog.stalled]);
  } finally {
    watchdog.stop();
  }
  return { startedAtMs, lastAlertAckAtMs, alertsSubmitted };
}

/** Rejects when nothing has arrived for `stallMs`; reports progress every 10 s meanwhile. */
function watchProgress(tally: YearTally, failures: readonly string[], stallMs: number, progress: (line: string) => void) {
  let lastArrival = tally.counts().lastArrivalAtMs;
  let lastChangeMs = performance.now();
  let lastReportMs = lastChangeMs;
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const counts = tally.counts();
      const now = performance.now();
      if (counts.lastArrivalAtMs !== lastArrival) {
        lastArrival = counts.lastArrivalAtMs;
        lastChangeMs = now;
      }
      const summary = `${counts.completeCases.toLocaleString('en-US')}/${counts.cases.toLocaleString('en-US')} cases complete, ${CASE_ARRIVALS.map((kind) => `${kind} ${counts.arrived[kind]}`).join(', ')}, ${counts.duplicated} duplicated, ${counts.unexpected} unexpected`;
      if (now - lastReportMs >= PROGRESS_EVERY_MS) {
        lastReportMs = now;
        progress(`year replay: ${summary}`);
      }
      if (now - lastChangeMs > stallMs) {
        const unexpected = tally.unexpectedSamples.length > 0 ? `; unexpected: ${tally.unexpectedSamples.join('; ')}` : '';
        const failed = failures.length > 0 ? `; ${failures.length} failures, first: ${failures[0]}` : '';
        reject(new BenchError(BenchErrorCode.timedOut, `year replay: nothing arrived for ${stallMs} ms; ${summary}${unexpected}${failed}`));
      }
    }, 1_000);
  });
  // The race may end without it; its rejection is then nobody's to handle.
  stalled.catch(() => undefined);
  return { stalled, stop: () => clearInterval(timer) };
}
