// `npm run bench`: tipnet's speed as ratios against a bare NATS baseline measured in the same run.
// Wires options, cleanup and signals; the work is in services/bench. Prints a table and writes
// bench-out/bench.json (or --out). Every server it starts is stopped at the end, on failure and
// on SIGINT or SIGTERM.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  BenchError, BenchErrorCode, CleanupStack, hitIndexLine, measureNodeStore, parseBenchOptions, renderBenchTable, renderStoreTable, renderYearReplayTable, runBench, runHitIndexBench, runYearReplay,
} from '../../services/bench/mod.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const cleanup = new CleanupStack();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping servers\n`);
    void cleanup.run().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
  });
}

let exitCode = 0;
try {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
  // `--only store`: the node store figures alone (only a small local hub for the node restart), e.g. for the README.
  // `--year` (`--only year`): the year replay alone, on its own hub with a leaf per destination.
  // `--only hit-index`: the hub's hit index alone (e.g. --hit-identifiers 1000000).
  const report = options.only === 'store'
    ? { startedAt: new Date().toISOString(), options, store: await measureNodeStore(options.storeMessages, TEST_MATCHING_KEY, progress) }
    : options.only === 'year' ? await runYearReplay(options, cleanup, progress)
      : options.only === 'hit-index' ? await runHitIndexBench(options, cleanup, progress) : await runBench(options, cleanup, progress);
  const outFile = resolve(options.outFile);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
  const table = 'paths' in report ? renderBenchTable(report) : 'yearReplay' in report ? renderYearReplayTable(report)
    : 'hitIndex' in report ? hitIndexLine(report.hitIndex).trim() : renderStoreTable(report.store);
  process.stdout.write(`${table}\n\nwrote ${outFile}\n`);
} catch (error) {
  exitCode = error instanceof BenchError && error.code === BenchErrorCode.invalidOptions ? 2 : 1;
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!(error instanceof BenchError)) console.error(error);
} finally {
  const failures = await cleanup.run();
  for (const failure of failures) process.stderr.write(`bench cleanup: ${failure}\n`);
}
process.exit(exitCode);
