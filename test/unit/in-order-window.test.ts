import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inOrderWindow } from '../../services/router/mod.ts';

async function* numbers(count: number) {
  for (let i = 0; i < count; i += 1) yield i;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-order window', () => {
  test('work overlaps, but each message is settled after every earlier one, in arrival order', async () => {
    const settled: number[] = [];
    let running = 0;
    let mostRunning = 0;
    await inOrderWindow(numbers(12), 4, async (i) => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      // Later messages finish first: without the ordering, they would be settled first.
      await sleep(12 - i);
      running -= 1;
      return () => settled.push(i);
    });
    assert.deepEqual(settled, [...Array(12).keys()]);
    assert.equal(mostRunning, 4, 'never more than the window unsettled, and the window is used');
  });

  test('a message whose work throws is reported and left unsettled; the ones after it are settled', async () => {
    const settled: number[] = [];
    const reported: number[] = [];
    await inOrderWindow(numbers(5), 3, async (i) => {
      if (i === 2) throw new Error('leaf connection closed');
      return () => settled.push(i);
    }, (_error, i) => reported.push(i));
    assert.deepEqual(settled, [0, 1, 3, 4]);
    assert.deepEqual(reported, [2]);
  });

  test('a settlement that throws does not hold up the next ones', async () => {
    const settled: number[] = [];
    const reported: number[] = [];
    await inOrderWindow(numbers(3), 2, async (i) => () => {
      if (i === 0) throw new Error('connection closing');
      settled.push(i);
    }, (_error, i) => reported.push(i));
    assert.deepEqual(settled, [1, 2]);
    assert.deepEqual(reported, [0]);
  });
});
