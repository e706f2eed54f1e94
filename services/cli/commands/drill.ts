// `tipnet drill [scenario]`: the main job. Starts everything, runs the scenario, writes the report.
import { relative } from 'node:path';
import { DrillInterrupted, parseDuration, runDrill, type DrillResult } from '../../drill/mod.ts';
import type { Command } from '../command.ts';

/** The shell's code for a run ended by SIGINT. */
const INTERRUPTED_EXIT = 130;

export const drillCommand: Command = {
  name: 'drill',
  summary: 'run a multi-country exercise on a complete local topology, with injected faults, and write its report',
  usage: '[scenario.yaml]',
  options: {
    rate: { type: 'string', description: 'messages per second of wall time (default: the scenario\'s traffic rate)', valueName: 'n' },
    duration: { type: 'string', description: 'wall time of the traffic, e.g. 60s (default: the scenario\'s duration / speed)', valueName: 'time' },
    speed: { type: 'string', description: 'drill time per wall time, e.g. 96 (default: the scenario\'s)', valueName: 'x' },
    states: { type: 'string', description: 'comma-separated participants to keep (default: all of the scenario\'s)', valueName: 'codes' },
    seed: { type: 'string', description: 'seed of the traffic; the same seed gives the same traffic (default: the scenario\'s)', valueName: 'n' },
    out: { type: 'string', description: 'folder for report.json and report.html', valueName: 'dir', default: 'drill-out' },
    against: { type: 'string', description: 'run against a deployment that runs already (a `tipnet up --dir` folder with deployment.json) instead of starting one; the first participant must be allowed to control drills there', valueName: 'dir' },
    simulate: { type: 'string', description: 'with --against: comma-separated participants whose officers the drill plays, or "all" (default: none; real officers answer through their nodes)', valueName: 'codes' },
  },
  async run({ values, positionals }) {
    const problems: string[] = [];
    const number = (name: string) => {
      const raw = values[name];
      if (raw === undefined) return undefined;
      const value = Number(raw);
      if (!Number.isFinite(value)) problems.push(`--${name}: "${String(raw)}" is not a number`);
      return value;
    };
    const rate = number('rate');
    const speed = number('speed');
    const seed = number('seed');
    let durationMs: number | undefined;
    if (values.duration !== undefined) {
      durationMs = parseDuration(String(values.duration));
      if (durationMs === undefined) problems.push(`--duration: "${String(values.duration)}" is not a duration such as 60s or 2m`);
    }
    if (values.simulate !== undefined && values.against === undefined) problems.push('--simulate: only with --against (the self-contained drill plays every officer)');
    if (problems.length > 0) {
      console.error(`tipnet drill:\n  - ${problems.join('\n  - ')}`);
      return 2;
    }
    const interactive = process.stdout.isTTY === true;
    // Ctrl-C or SIGTERM stops the drill cleanly: servers and services stopped, temporary folders (keys, passwords) removed.
    const interrupt = new AbortController();
    const onSignal = () => interrupt.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let result: DrillResult;
    try {
      result = await runDrill({
        scenarioPath: positionals[0],
        outDir: String(values.out),
        rate, speed, seed, durationMs,
        states: values.states === undefined ? undefined : String(values.states).split(',').map((code) => code.trim().toUpperCase()),
        progress: interactive ? (line) => process.stdout.write(`\r${line.slice(0, (process.stdout.columns ?? 120) - 1).padEnd((process.stdout.columns ?? 120) - 1)}`) : undefined,
        signal: interrupt.signal,
        against: values.against === undefined ? undefined : String(values.against),
        simulate: simulateOption(values.simulate),
      });
    } catch (error) {
      if (!(error instanceof DrillInterrupted)) throw error;
      console.log(`\ninterrupted: ${error.message}`);
      // Whatever the abandoned run still has pending must not keep the process alive.
      setTimeout(() => process.exit(INTERRUPTED_EXIT), 1_000).unref();
      return INTERRUPTED_EXIT;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    const { report, reportJson, reportHtml } = result;
    console.log(`sent ${report.sent}, expected deliveries ${report.expectedDeliveries}, delivered ${report.delivered}, lost ${report.lost}, duplicates ${report.duplicates}`);
    console.log(`latency p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`);
    const { deadlines } = report;
    console.log(`assistance deadlines met ${deadlines.met}, missed ${deadlines.missed} (answered late ${deadlines.answeredLate}, never answered ${deadlines.neverAnswered}, of them by the scenario's design ${deadlines.leftUnansweredByScenario}), escalated ${deadlines.escalated}`);
    console.log(`hit notices ${report.hits.notified} of ${report.hits.expected} expected`);
    console.log(`rejected ${JSON.stringify(report.rejected.byReason)}; malformed/spoofed injects rejected ${report.badInjects.rejected}/${report.badInjects.total}`);
    for (const fault of report.faults) console.log(`fault ${fault.kind} ${fault.target}: ${fault.recovered ? 'recovered' : 'NOT RECOVERED'} (${fault.evidence})`);
    console.log(`\n${report.summary.join('\n')}\n`);
    console.log(`report: ${relative(process.cwd(), reportJson)}, ${relative(process.cwd(), reportHtml)}`);
    if (!report.passed) {
      console.error(`DRILL FAILED:\n  - ${report.failures.join('\n  - ')}`);
      return 1;
    }
    console.log('DRILL PASSED');
    return 0;
  },
};

function simulateOption(value: unknown): readonly string[] | 'all' | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  return text.toLowerCase() === 'all' ? 'all' : text.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
}
