// The issue-15 summary of bench.json as lines for the terminal: the headline throughput ratio
// against the windowed baseline, the serial one beside it, latency at offered rates, the hit
// index and the machine, and what was not measured.
import type { BenchSummary, HitIndexFigures } from './bench-summary.ts';

const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
const perSec = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

export function renderSummary(summary: BenchSummary): string[] {
  const { throughput, machine } = summary;
  const lines = [
    `Summary (bench.json: throughput, latency, catchUp, hitIndex, memory, machine)`,
    `  throughput, ${throughput.window} in flight: tipnet ${perSec(throughput.tipnetMsgsPerSec)}, windowed bare forward ${perSec(throughput.baselineMsgsPerSec)}, ratio ${fixed(throughput.ratio, 2)}x`,
    `  serial bare forward (one at a time) ${perSec(throughput.serialBaselineMsgsPerSec)}, tipnet / serial ${fixed(throughput.serialRatio, 2)}x`,
  ];
  for (const figures of Object.values(summary.latency ?? {})) {
    lines.push(
      `  tipnet at ${figures.offeredPerSec}/s offered (${figures.sent} sent, ${fixed(figures.achievedSendPerSec)}/s achieved): e2e p50 ${fixed(figures.p50)} p95 ${fixed(figures.p95)} p99 ${fixed(figures.p99)} max ${fixed(figures.max)} ms`,
    );
  }
  if (summary.hitIndex) lines.push(hitIndexLine(summary.hitIndex));
  const catchUp = summary.catchUp;
  if (catchUp) {
    lines.push(
      `  catch-up of ${catchUp.alerts.toLocaleString('en-US')} alerts after an outage: tipnet ${fixed(catchUp.tipnetSeconds, 2)} s, bare forward ${fixed(catchUp.baselineSeconds, 2)} s, drain-rate ratio ${fixed(catchUp.ratio, 2)}x`,
    );
  }
  const memory = summary.memory;
  if (memory) {
    lines.push(
      `  memory over ${memory.seconds} s at ${memory.offeredPerSec}/s: RSS ${fixed(memory.hubServicesRssStartMb)} MB at start, ${fixed(memory.hubServicesRssOneMinuteMb)} MB after 1 min, ${fixed(memory.hubServicesRssEndMb)} MB at end (${memory.process})`,
    );
  }
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' ');
  lines.push(`  machine: ${machine.cores} cores, node ${machine.node}, nats-server ${machine.natsServer}, load average ${load(machine.loadAverageStart)} at start, ${load(machine.loadAverageEnd)} at end`);
  for (const [figure, note] of Object.entries(summary.notMeasured)) lines.push(`  ${figure}: ${note}`);
  return lines;
}

export function hitIndexLine(hits: HitIndexFigures): string {
  return `  hit index: ${hits.identifiers.toLocaleString('en-US')} identifiers recorded, ${fixed(hits.addMs, 2)} ms each (${perSec(hits.addPerSec)}); `
    + `a new report's identifier held by another state matched in p50 ${fixed(hits.matchMs, 2)} ms, p95 ${fixed(hits.matchP95Ms, 2)} ms, p99 ${fixed(hits.matchP99Ms, 2)} ms (${hits.matches} matches); `
    + `one nobody holds in p50 ${fixed(hits.newIdentifierMatchMs, 2)} ms, p99 ${fixed(hits.newIdentifierMatchP99Ms, 2)} ms; `
    + `the slowest ${fixed(hits.slowestMatchMs, 2)} ms, ${fixed(hits.slowestMatchGcMs, 2)} ms of it garbage collection (${hits.matchesWithGc} matches overlapped one); a fresh key's write alone p50 ${fixed(hits.freshKeyWriteMs, 2)} ms, p99 ${fixed(hits.freshKeyWriteP99Ms, 2)} ms; `
    + `the router's in-memory mirror loaded in ${fixed(hits.mirrorLoadMs / 1_000, 2)} s (heap +${fixed(hits.mirrorHeapMb)} MB); `
    + `index bucket ${(hits.bucketBytes / 1_048_576).toFixed(1)} MiB per server (${hits.bucketMessages.toLocaleString('en-US')} entries)`;
}
