import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildBenchSummary, rateLatency } from '../../services/bench/bench-summary.ts';
import { summarizeLatencies } from '../../services/bench/latency-summary.ts';
import type { BatchResult, PathResult } from '../../services/bench/measure-path.ts';

function path(name: string, loadedPerSecond: number, window = 32): PathResult {
  const batch = (perSecond: number, batchWindow: number): BatchResult => ({
    window: batchWindow,
    ack: summarizeLatencies([1]),
    endToEnd: summarizeLatencies([2]),
    perSecond,
    elapsedMs: 1_000,
    eventLoopBusy: 0.5,
    cpuPerMessage: { nodeUs: 1, hubServersUs: 1, leafServersUs: 1 },
  });
  return { name, unloaded: batch(50, 1), loaded: batch(loadedPerSecond, window) };
}

const machine = { cores: 2, node: 'v20.0.0', natsServer: '2.9.10', loadAverageStart: [1, 1, 1], loadAverageEnd: [2, 2, 2] };
const paths = { bareForward: path('B windowed forward', 1_000), serialBareForward: path('B serial forward', 400), tipnet: path('tipnet', 200) };

test('the throughput ratio is tipnet over the windowed baseline, with the serial one beside it', () => {
  const summary = buildBenchSummary({ paths, machine });
  assert.deepEqual(summary.throughput, {
    baselineMsgsPerSec: 1_000,
    tipnetMsgsPerSec: 200,
    ratio: 0.2,
    window: 32,
    serialBaselineMsgsPerSec: 400,
    serialRatio: 0.5,
  });
  assert.deepEqual(summary.machine, machine);
});

test('a figure the run did not measure is null with a note, never a number', () => {
  const summary = buildBenchSummary({ paths, machine });
  for (const figure of ['latency', 'catchUp', 'hitIndex', 'memory'] as const) {
    assert.equal(summary[figure], null, figure);
    assert.match(summary.notMeasured[figure] ?? '', /not measured/, figure);
  }
});

test('latency is keyed by offered rate with p50, p95, p99 and max, and measured figures lose their note', () => {
  const latencyByRate = [rateLatency(50, 49.8, summarizeLatencies([10, 20, 30])), rateLatency(200, 190, summarizeLatencies([40]))];
  const hitIndex = { identifiers: 1_000, addMs: 2, addPerSec: 500, matchMs: 3, matchP95Ms: 6, matchP99Ms: 9, matches: 50, newIdentifierMatchMs: 1, newIdentifierMatchP99Ms: 4, mirrorLoadMs: 1_500, mirrorHeapMb: 40, matchesWithGc: 2, slowestMatchMs: 12, slowestMatchGcMs: 8, freshKeyWriteMs: 1, freshKeyWriteP99Ms: 3, bucketBytes: 1_048_576, bucketMessages: 1_000 };
  const catchUp = { alerts: 20_000, tipnetSeconds: 10, baselineSeconds: 8, ratio: 0.8 };
  const memory = { seconds: 300, offeredPerSec: 100, hubServicesRssStartMb: 200, hubServicesRssOneMinuteMb: 210, hubServicesRssEndMb: 215, process: 'bench' };
  const summary = buildBenchSummary({ paths, machine, latencyByRate, hitIndex, catchUp, memory });
  assert.deepEqual(Object.keys(summary.latency ?? {}), ['50', '200']);
  assert.deepEqual(summary.catchUp, catchUp);
  assert.deepEqual(summary.memory, memory);
  assert.deepEqual(summary.latency?.['50'], { offeredPerSec: 50, sent: 3, achievedSendPerSec: 49.8, p50: 20, p95: 30, p99: 30, max: 30 });
  assert.deepEqual(summary.hitIndex, hitIndex);
  assert.deepEqual(Object.keys(summary.notMeasured), []);
});

test('the summary survives JSON as the same shape', () => {
  const summary = buildBenchSummary({ paths, machine });
  const parsed = JSON.parse(JSON.stringify(summary)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ['throughput', 'latency', 'catchUp', 'hitIndex', 'memory', 'machine', 'notMeasured']);
});
