// Each state's national systems submit in order, and keep trying while their node is down (a leaf
// outage), as a real system would; latency counts from the attempt that got through. One lane per
// sending state on the shared keyed order scheduler; the lanes of different states overlap.
import { createKeyedOrderScheduler, type StateCode } from '../core/mod.ts';
import { isFinalRefusal, type DrillNode } from './drill-node.ts';
import type { SentRecord } from './drill-records.ts';
import { sleep } from './drill-timeline.ts';
import { submissionFor } from './message-factory.ts';
import type { PlannedMessage } from './traffic-plan.ts';

/** How long a state's systems keep trying to submit while its node is down. */
const MAX_SEND_RETRY_MS = 60_000;
const SEND_RETRY_MS = 500;

export interface SendLaneOptions {
  readonly drillId: string;
  readonly speed: number;
  /** Drill time an assistance request gives the requested state to answer. */
  readonly assistanceDeadlineMs: number;
  /** The state's node as it is now (a fault may have stopped it). */
  readonly nodeOf: (state: StateCode) => DrillNode | undefined;
  readonly messageIdOf: (seq: number) => string;
  /** Every send's outcome is written here, in the order they end. */
  readonly sent: SentRecord[];
  readonly onError: (what: string) => void;
}

export interface SendLanes {
  /** Queues the message behind its sender's earlier ones. */
  send(message: PlannedMessage): void;
  /** Sends queued or under way. */
  readonly inFlight: number;
}

export function createSendLanes(options: SendLaneOptions): SendLanes {
  const lanes = createKeyedOrderScheduler({ onError: (error, state) => options.onError(`send lane ${state}: ${String(error)}`) });
  return {
    send(message) {
      // No cap: add() accepts at once, so inFlight counts the message before send returns.
      void lanes.add(message.from, () => submitUntilThrough(message, options));
    },
    get inFlight() {
      return lanes.inFlight;
    },
  };
}

/**
 * The request is made at the first attempt that reaches a node and kept for every retry: a retry
 * under the same idempotency key must repeat the same request (the node refuses another one with
 * IDEMPOTENCY_KEY_CONFLICT), as a national system retrying after a 503 does.
 */
async function submitUntilThrough(message: PlannedMessage, options: SendLaneOptions): Promise<void> {
  const giveUpAt = Date.now() + MAX_SEND_RETRY_MS;
  const idempotencyKey = `drill-${message.messageId}`;
  let request: { readonly json: Record<string, unknown>; readonly deadlineWallMs: number } | undefined;
  for (;;) {
    const submittedAtWallMs = Date.now();
    try {
      const node = options.nodeOf(message.from);
      if (!node) throw new Error(`${message.from}'s node is down`);
      request ??= requestFor(message, options, submittedAtWallMs);
      await node.submit(request.json, { idempotencyKey });
      options.sent.push({ planned: message, submittedAtWallMs, ...(message.type === 'assistance-request' ? { deadlineWallMs: request.deadlineWallMs } : {}) });
      return;
    } catch (error) {
      if (isFinalRefusal(error) || Date.now() > giveUpAt) {
        options.sent.push({ planned: message, submittedAtWallMs, error: String(error) });
        return;
      }
      await sleep(SEND_RETRY_MS);
    }
  }
}

function requestFor(message: PlannedMessage, options: SendLaneOptions, atWallMs: number) {
  const deadlineWallMs = atWallMs + options.assistanceDeadlineMs / options.speed;
  const json = submissionFor(message, { drillId: options.drillId, replyDeadlineUnixMs: deadlineWallMs, messageIdOf: options.messageIdOf });
  return { json, deadlineWallMs };
}
