import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeyedOrderScheduler } from '../../services/core/mod.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A task that finishes when told to, recording when it starts. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { run: async () => { log.push(`start ${name}`); await done; log.push(`end ${name}`); }, open: () => open() };
}

describe('keyed order scheduler', () => {
  test('tasks of one key run one after another, in the order they were added', async () => {
    const scheduler = createKeyedOrderScheduler({ onError: assert.fail });
    const log: string[] = [];
    for (const [i, delay] of [30, 1, 10, 0, 5].entries()) {
      await scheduler.add('IDN', async () => {
        log.push(`start ${i}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        log.push(`end ${i}`);
      });
    }
    await scheduler.idle();
    assert.deepEqual(log, [0, 1, 2, 3, 4].flatMap((i) => [`start ${i}`, `end ${i}`]));
  });

  test('tasks of different keys run at the same time', async () => {
    const scheduler = createKeyedOrderScheduler({ onError: assert.fail });
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    await scheduler.add('IDN', a.run);
    await scheduler.add('PHL', b.run);
    await tick();
    assert.deepEqual(log, ['start a', 'start b']);
    b.open();
    await tick();
    assert.deepEqual(log, ['start a', 'start b', 'end b']);
    a.open();
    await scheduler.idle();
    assert.equal(scheduler.inFlight, 0);
  });

  test('no more than maxInFlight tasks are accepted at once, counting those queued behind their key', async () => {
    const scheduler = createKeyedOrderScheduler({ maxInFlight: 2, onError: assert.fail });
    const log: string[] = [];
    const gates = ['a', 'b', 'c'].map((name) => gate(log, name));
    await scheduler.add('IDN', gates[0]!.run);
    await scheduler.add('IDN', gates[1]!.run);
    let thirdAccepted = false;
    const third = scheduler.add('PHL', gates[2]!.run).then(() => (thirdAccepted = true));
    await tick();
    assert.equal(scheduler.inFlight, 2);
    assert.equal(thirdAccepted, false, 'a third task waits for a free slot');
    assert.deepEqual(log, ['start a']);
    gates[0]!.open();
    await third;
    await tick();
    // b (behind a on its key) and c (given a's slot) both start; their order is not specified.
    assert.deepEqual(log.slice(0, 2), ['start a', 'end a']);
    assert.deepEqual(log.slice(2).sort(), ['start b', 'start c']);
    gates[1]!.open();
    gates[2]!.open();
    await scheduler.idle();
    assert.equal(scheduler.inFlight, 0);
  });

  test('idle waits for every accepted task, and is immediate when nothing runs', async () => {
    const scheduler = createKeyedOrderScheduler({ onError: assert.fail });
    await scheduler.idle();
    let finished = 0;
    for (const key of ['IDN', 'PHL', 'IDN', 'VNM']) {
      await scheduler.add(key, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished += 1;
      });
    }
    assert.equal(scheduler.inFlight, 4);
    await scheduler.idle();
    assert.equal(finished, 4);
  });

  test('a task that throws is reported, and its lane and the others carry on', async () => {
    const errors: Array<[string, string]> = [];
    const scheduler = createKeyedOrderScheduler({ maxInFlight: 3, onError: (error, key) => errors.push([key, (error as Error).message]) });
    const ran: string[] = [];
    await scheduler.add('IDN', async () => { throw new Error('broker gone'); });
    await scheduler.add('IDN', async () => { ran.push('IDN after the failure'); });
    await scheduler.add('PHL', async () => { ran.push('PHL'); });
    await scheduler.add('VNM', () => { throw new Error('thrown before any await'); });
    await scheduler.idle();
    assert.deepEqual(ran.sort(), ['IDN after the failure', 'PHL']);
    assert.deepEqual(errors.sort(), [['IDN', 'broker gone'], ['VNM', 'thrown before any await']]);
    assert.equal(scheduler.inFlight, 0);
  });
  test('a task with several keys waits for the earlier tasks of each, and only for those', async () => {
    const scheduler = createKeyedOrderScheduler({ onError: assert.fail });
    const log: string[] = [];
    const alert = gate(log, 'alert M1');
    const other = gate(log, 'alert M2');
    const reply = gate(log, 'reply R1 to M1');
    await scheduler.add('M1', alert.run);
    await scheduler.add('M2', other.run);
    await scheduler.add(['R1', 'M1'], reply.run);
    // A reply to the reply waits for R1, which waits for M1.
    await scheduler.add(['R2', 'R1'], async () => { log.push('reply R2 to R1'); });
    await tick();
    assert.deepEqual(log, ['start alert M1', 'start alert M2']);
    other.open();
    await tick();
    assert.deepEqual(log, ['start alert M1', 'start alert M2', 'end alert M2'], 'an unrelated alert finishing frees nothing');
    alert.open();
    await tick();
    await tick();
    assert.deepEqual(log.slice(3), ['end alert M1', 'start reply R1 to M1']);
    reply.open();
    await scheduler.idle();
    assert.deepEqual(log.slice(5), ['end reply R1 to M1', 'reply R2 to R1']);
  });
});
