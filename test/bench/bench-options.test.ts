import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BenchErrorCode, parseBenchOptions } from '../../services/bench/mod.ts';

test('without arguments the bench runs 2,000 alerts through a 3-node hub, 32 in flight', () => {
  const options = parseBenchOptions([], {});
  assert.equal(options.count, 2_000);
  assert.equal(options.hubNodes, 3);
  assert.equal(options.concurrency, 32);
  assert.equal(options.outFile, 'bench-out/bench.json');
  assert.ok(Object.isFrozen(options));
});

test('an argument wins over the same option in the environment', () => {
  const options = parseBenchOptions(['--count', '500', '--hub-nodes', '1'], { BENCH_COUNT: '9', BENCH_CONCURRENCY: '4' });
  assert.equal(options.count, 500);
  assert.equal(options.hubNodes, 1);
  assert.equal(options.concurrency, 4);
});

test('every bad option is reported at once, by its flag', () => {
  assert.throws(
    () => parseBenchOptions(['--hub-nodes', '2', '--concurrency', '0'], {}),
    (error: { code?: string; message: string }) =>
      error.code === BenchErrorCode.invalidOptions && /--hub-nodes: must be 1 or 3/.test(error.message) && /--concurrency/.test(error.message),
  );
});

test('an unknown flag is refused with the usage', () => {
  assert.throws(() => parseBenchOptions(['--fast'], {}), (error: { code?: string; message: string }) => error.code === BenchErrorCode.invalidOptions && /usage:/.test(error.message));
});
