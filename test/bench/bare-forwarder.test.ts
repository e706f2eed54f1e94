import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forwardInWindow } from '../../services/bench/bare-hub.ts';

interface FakeMessage {
  readonly id: number;
  ack(): void;
  nak(delayMs?: number): void;
}

/** Messages whose forwards finish when the test says so, recording how they were settled. */
function fakeRun(count: number) {
  const settled: string[] = [];
  const finish: Array<(stored: boolean) => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const messages: FakeMessage[] = Array.from({ length: count }, (_, id) => ({
    id,
    ack: () => settled.push(`ack ${id}`),
    nak: () => settled.push(`nak ${id}`),
  }));
  const forwardOne = (message: FakeMessage) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<boolean>((resolve) => {
      finish[message.id] = (stored) => {
        inFlight -= 1;
        resolve(stored);
      };
    });
  };
  return { settled, finish, messages, forwardOne, maxInFlight: () => maxInFlight };
}

async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('the windowed forwarder keeps the window full and acknowledges in arrival order', async () => {
  const run = fakeRun(6);
  const done = forwardInWindow(iterate(run.messages), 3, run.forwardOne, { count: 0, refused: 0 });
  await turn();
  assert.equal(run.maxInFlight(), 3);
  run.finish[2]!(true);
  run.finish[1]!(true);
  await turn();
  assert.deepEqual(run.settled, [], 'nothing is acknowledged before the first forward is stored');
  run.finish[0]!(true);
  await turn();
  assert.deepEqual(run.settled, ['ack 0', 'ack 1', 'ack 2']);
  for (const id of [3, 4, 5]) run.finish[id]!(id !== 4);
  await done;
  assert.deepEqual(run.settled, ['ack 0', 'ack 1', 'ack 2', 'ack 3', 'nak 4', 'ack 5']);
  assert.equal(run.maxInFlight(), 3);
});

test('a window of one forwards one message at a time, as the serial baseline does', async () => {
  const run = fakeRun(3);
  const forwarded = { count: 0, refused: 0 };
  const done = forwardInWindow(iterate(run.messages), 1, run.forwardOne, forwarded);
  for (const id of [0, 1, 2]) {
    await turn();
    run.finish[id]!(true);
  }
  await done;
  assert.equal(run.maxInFlight(), 1);
  assert.deepEqual(forwarded, { count: 3, refused: 0 });
});
