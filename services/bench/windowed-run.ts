// A closed-loop batch: `window` workers each send one message and wait for it (its PubAck, and
// its arrival at the far end when there is one) before sending the next. Window 1 gives unloaded
// latency; a wider window gives sustained throughput and latency under that load.
import { performance } from 'node:perf_hooks';
import { BenchError, BenchErrorCode } from './bench-error.ts';

export interface WindowedRunInput {
  /** Names the batch in a timeout error. */
  readonly name: string;
  readonly count: number;
  readonly window: number;
  /** Sends message `index`; resolves once the broker stored it (a PubAck). */
  readonly send: (index: number) => Promise<unknown>;
  /** Registers message `index` as expected; resolves with the performance.now() of its arrival. */
  readonly expectArrival?: (index: number) => Promise<number>;
  readonly timeoutMs: number;
}

export interface WindowedRunResult {
  /** Send to PubAck, per message. */
  readonly ackMs: number[];
  /** Send to arrival at the far end, per message; empty for publish-only batches. */
  readonly endToEndMs: number[];
  /** First send to last PubAck or arrival. */
  readonly elapsedMs: number;
  readonly count: number;
}

export async function runWindowed(input: WindowedRunInput): Promise<WindowedRunResult> {
  const ackMs: number[] = [];
  const endToEndMs: number[] = [];
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < input.count && failure === undefined) {
      const index = next++;
      const startedAt = performance.now();
      const arrival = input.expectArrival?.(index);
      await input.send(index);
      ackMs.push(performance.now() - startedAt);
      if (arrival) endToEndMs.push((await arrival) - startedAt);
    }
  };
  const startedAt = performance.now();
  const workers = Array.from({ length: Math.min(input.window, input.count) }, () =>
    worker().catch((error: unknown) => {
      failure ??= error;
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), input.timeoutMs);
  });
  const outcome = await Promise.race([Promise.all(workers), deadline]);
  clearTimeout(timer);
  if (failure !== undefined) throw failure;
  if (outcome === 'timeout') {
    throw new BenchError(
      BenchErrorCode.timedOut,
      `${input.name}: ${ackMs.length}/${input.count} acknowledged and ${endToEndMs.length} arrived within ${input.timeoutMs} ms`,
    );
  }
  return { ackMs, endToEndMs, elapsedMs: performance.now() - startedAt, count: input.count };
}
