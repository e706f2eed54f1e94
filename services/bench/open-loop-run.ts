// An open-loop batch: messages are sent on a fixed schedule (`ratePerSec`), whether or not the
// earlier ones have arrived, as traffic from many officers and systems would be. Latency counts
// from each message's scheduled send time, so a sender that falls behind a saturated path adds
// its lag to the figures instead of hiding it (no coordinated omission).
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { BenchError, BenchErrorCode } from './bench-error.ts';

export interface OpenLoopInput {
  /** Names the batch in a timeout error. */
  readonly name: string;
  readonly ratePerSec: number;
  readonly count: number;
  /** Sends message `index`; resolves once the broker stored it (a PubAck). */
  readonly send: (index: number) => Promise<unknown>;
  /** Registers message `index` as expected; resolves with the performance.now() of its arrival. */
  readonly expectArrival: (index: number) => Promise<number>;
  /** From the first send until the last arrival. */
  readonly timeoutMs: number;
}

export interface OpenLoopResult {
  /** Scheduled send to arrival at the far end, per message. */
  readonly endToEndMs: number[];
  /** Rate at which sends actually went out (below the offered rate when this process fell behind). */
  readonly achievedSendPerSec: number;
}

/** When message `index` is due, in ms after the start. */
export function scheduledOffsetMs(index: number, ratePerSec: number): number {
  return (index * 1_000) / ratePerSec;
}

export async function runOpenLoop(input: OpenLoopInput): Promise<OpenLoopResult> {
  const endToEndMs: number[] = [];
  let failure: unknown;
  const startedAt = performance.now();
  const deadlineAt = startedAt + input.timeoutMs;
  const inFlight: Array<Promise<void>> = [];
  for (let index = 0; index < input.count && failure === undefined; index += 1) {
    const scheduledAt = startedAt + scheduledOffsetMs(index, input.ratePerSec);
    // Never before its due time (its latency is counted from then, and a timer may fire a fraction
    // of a ms early); behind schedule the sends go out back to back, yielding now and then so
    // arrivals are seen.
    if (scheduledAt > performance.now()) {
      while (scheduledAt > performance.now()) await sleep(Math.max(1, scheduledAt - performance.now()));
    } else if (index % 16 === 0) await nextTurn();
    const arrival = input.expectArrival(index);
    inFlight.push(
      input
        .send(index)
        .then(() => arrival)
        .then((arrivedAt) => void endToEndMs.push(arrivedAt - scheduledAt))
        .catch((error: unknown) => {
          failure ??= error;
        }),
    );
  }
  const sendingMs = performance.now() - startedAt;
  await untilDone(inFlight, deadlineAt);
  if (failure !== undefined) throw failure;
  if (endToEndMs.length < input.count) {
    throw new BenchError(BenchErrorCode.timedOut, `${input.name}: ${endToEndMs.length}/${input.count} arrived within ${input.timeoutMs} ms`);
  }
  // The last send is due at (count - 1) intervals: that span, over the time sending took.
  const achievedSendPerSec = input.count > 1 && sendingMs > 0 ? ((input.count - 1) * 1_000) / sendingMs : input.ratePerSec;
  return { endToEndMs, achievedSendPerSec: Math.min(achievedSendPerSec, input.ratePerSec) };
}

async function untilDone(work: readonly Promise<void>[], deadlineAt: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadlineAt - performance.now()));
  });
  await Promise.race([Promise.all(work), deadline]);
  clearTimeout(timer);
}
