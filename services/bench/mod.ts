// Public entry of the benchmark library; test/bench/run-bench.ts is its command.
export { BenchError, BenchErrorCode } from './bench-error.ts';
export { BENCH_USAGE, parseBenchOptions, type BenchOptions } from './bench-options.ts';
export { renderBenchTable } from './bench-table.ts';
export { CleanupStack } from '../deployment/mod.ts';
export { runBench, type BenchReport } from './run-bench.ts';
