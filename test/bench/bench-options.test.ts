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

test('by default tipnet is offered 50, 100, 200 and 500 alerts a second for 3 s each, and 5,000 identifiers fill the hit index', () => {
  const options = parseBenchOptions([], {});
  assert.deepEqual(options.rates, [50, 100, 200, 500]);
  assert.equal(options.rateSeconds, 3);
  assert.equal(options.hitIdentifiers, 5_000);
});

test('rates are a comma-separated list, none skips them, and 0 identifiers skips the hit index', () => {
  assert.deepEqual(parseBenchOptions(['--rates', '100, 20'], {}).rates, [100, 20]);
  assert.deepEqual(parseBenchOptions([], { BENCH_RATES: 'none' }).rates, []);
  assert.equal(parseBenchOptions(['--hit-identifiers', '0'], {}).hitIdentifiers, 0);
});

test('by default 20,000 alerts queue for the catch-up, and the memory run is opt-in', () => {
  const options = parseBenchOptions([], {});
  assert.equal(options.catchUp, 20_000);
  assert.equal(options.memorySeconds, 0);
  assert.equal(parseBenchOptions(['--catch-up', '2000'], {}).catchUp, 2_000);
  assert.equal(parseBenchOptions([], { BENCH_MEMORY_SECONDS: '300' }).memorySeconds, 300);
});

test('a rate that is not a whole number from 1 to 10000 is refused by its flag', () => {
  for (const rates of ['50,fast', '0', '20000', '1.5']) {
    assert.throws(
      () => parseBenchOptions(['--rates', rates], {}),
      (error: { code?: string; message: string }) => error.code === BenchErrorCode.invalidOptions && /--rates: must be whole rates per second/.test(error.message),
      rates,
    );
  }
});

test('--only hit-index runs the hit index alone, at the size asked for', () => {
  const options = parseBenchOptions(['--only', 'hit-index', '--hit-identifiers', '1000000'], {});
  assert.equal(options.only, 'hit-index');
  assert.equal(options.hitIdentifiers, 1_000_000);
  assert.throws(() => parseBenchOptions(['--only', 'hits'], {}), (error: { code?: string; message: string }) => error.code === BenchErrorCode.invalidOptions && /--only/.test(error.message));
});
