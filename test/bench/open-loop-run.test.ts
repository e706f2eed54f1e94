import assert from 'node:assert/strict';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { BenchErrorCode } from '../../services/bench/mod.ts';
import { runOpenLoop, scheduledOffsetMs } from '../../services/bench/open-loop-run.ts';

test('message n of an open-loop run is due n intervals after the start', () => {
  assert.equal(scheduledOffsetMs(0, 200), 0);
  assert.equal(scheduledOffsetMs(10, 200), 50);
  assert.equal(scheduledOffsetMs(3, 50), 60);
});

test('every message is sent without waiting for the earlier ones to arrive, and each latency is counted from its due time', async () => {
  const sent: number[] = [];
  const arrive: Array<(at: number) => void> = [];
  const run = runOpenLoop({
    name: 'fake',
    ratePerSec: 1_000,
    count: 5,
    timeoutMs: 10_000,
    send: async (index) => void sent.push(index),
    expectArrival: (index) => new Promise<number>((resolve) => (arrive[index] = resolve)),
  });
  while (sent.length < 5) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(sent, [0, 1, 2, 3, 4], 'all five went out with none arrived');
  const arrivedAt = performance.now();
  for (const resolve of arrive) resolve(arrivedAt);
  const result = await run;
  assert.equal(result.endToEndMs.length, 5);
  assert.ok(result.endToEndMs.every((ms) => ms >= 0));
  assert.ok(result.achievedSendPerSec > 0 && result.achievedSendPerSec <= 1_000);
});

test('messages that never arrive end the run with BENCH_TIMED_OUT', async () => {
  await assert.rejects(
    runOpenLoop({ name: 'lost', ratePerSec: 1_000, count: 2, timeoutMs: 50, send: async () => {}, expectArrival: () => new Promise<number>(() => {}) }),
    (error: { code?: string; message: string }) => error.code === BenchErrorCode.timedOut && /lost: 0\/2 arrived/.test(error.message),
  );
});
