import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeLatencies } from '../../services/bench/latency-summary.ts';

test('percentiles are nearest-rank values that were actually measured', () => {
  const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
  const summary = summarizeLatencies(samples);
  assert.deepEqual(
    { p50: summary.p50Ms, p95: summary.p95Ms, p99: summary.p99Ms, max: summary.maxMs, mean: summary.meanMs },
    { p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 },
  );
});

test('an empty batch has no percentiles rather than zeros', () => {
  assert.ok(Number.isNaN(summarizeLatencies([]).p50Ms));
});
