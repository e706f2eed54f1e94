// Public entry of the benchmark library; test/bench/run-bench.ts is its command. It measures two
// bare NATS baselines and tipnet's real hub path on one local hub (from deployment's startLocalHub).
// Exports: runBench and its report, the options parser and usage, the table renderer, BenchError,
// CleanupStack (deployment's, re-exported for the command), and the year replay (runYearReplay,
// its table, and the pure 2023 mix and case tally its tests check).
export { BenchError, BenchErrorCode } from './bench-error.ts';
export { BENCH_USAGE, parseBenchOptions, type BenchOptions } from './bench-options.ts';
export { renderBenchTable } from './bench-table.ts';
export { CleanupStack } from '../deployment/mod.ts';
export { runBench, runHitIndexBench, type BenchReport, type HitIndexReport } from './run-bench.ts';
export { hitIndexLine } from './summary-table.ts';
export { measureNodeStore, renderStoreTable, type StoreBenchResult } from './store-bench.ts';
export { runYearReplay, type YearReplayFigures, type YearReplayReport } from './year-replay.ts';
export { renderYearReplayTable } from './year-replay-table.ts';
export { apportionCases, yearSchedule, DESTINATION_WEIGHTS_2023, YEAR_2023_CASES, YEAR_SENDER } from './year-mix.ts';
export { CASE_ARRIVALS, YearTally, type CaseArrival } from './year-tally.ts';
