// The states' software in the year replay: one durable reader on each state's TIP_INBOX (on its own
// leaf) that opens and verifies every delivery as a node does, counts it against its case, and,
// at a destination, answers each rescue request once: READ, then ACCEPTED, each a signed
// submission through the destination's own leaf. Replies go out side by side, not one after the
// other, as a node's officers would not wait for each other.
import type { NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER, type KeyLookup, type StateCode, v1 } from '../core/mod.ts';
import { openDelivery, openInboxReader, publishSubmission, type OpenedDelivery } from '../node/mod.ts';
import { destinationReplies } from './year-case-messages.ts';
import { YEAR_SENDER } from './year-mix.ts';
import type { CaseArrival, YearTally } from './year-tally.ts';

export interface YearReaderContext {
  readonly tally: YearTally;
  readonly directory: KeyLookup;
  readonly leaf: (state: StateCode) => NatsConnection;
  readonly signingKeyOf: (state: StateCode) => Parameters<typeof destinationReplies>[2];
}

export interface RunningYearReaders {
  /** Reader and reply failures, described (none in a good run). */
  readonly failures: string[];
  /** Replies submitted by the destinations (READ and responses). */
  readonly repliesSubmitted: () => number;
  /** Stops reading after every reply under way has been submitted. Idempotent. */
  stop(): Promise<void>;
}

const READER_PREFIX = 'bench-year-';

export async function startYearReaders(states: readonly StateCode[], context: YearReaderContext): Promise<RunningYearReaders> {
  const failures: string[] = [];
  const replying = new Set<Promise<void>>();
  /** A response's message id to the alert it answers: its DELIVERED receipt names the response. */
  const responseCase = new Map<string, string>();
  let repliesSubmitted = 0;
  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

  const answer = (state: StateCode, opened: OpenedDelivery) => {
    const replies = destinationReplies(opened.envelope, state, context.signingKeyOf(state), Date.now());
    responseCase.set(replies.response.envelope.messageId, opened.envelope.messageId);
    const sending = Promise.all([replies.read, replies.response].map(async (reply) => {
      await publishSubmission(context.leaf(state), reply.envelope, { encoded: reply.bytes });
      repliesSubmitted += 1;
    })).then(
      () => undefined,
      (error: unknown) => void failures.push(`${state} reply to ${opened.envelope.messageId}: ${describe(error)}`),
    );
    replying.add(sending);
    void sending.finally(() => replying.delete(sending));
  };

  const loops = await Promise.all(states.map(async (state) => {
    const consumer = await openInboxReader(context.leaf(state), `${READER_PREFIX}${state.toLowerCase()}`);
    const messages = await consumer.consume();
    const loop = (async () => {
      try {
        for await (const message of messages) {
          try {
            const opened = openDelivery(message.data, context.directory);
            const arrival = classify(state, opened, responseCase);
            if (typeof arrival === 'string') context.tally.noteUnexpected(arrival);
            else if (context.tally.arrive(arrival.kind, arrival.alertId) === 'first' && arrival.kind === 'alert') answer(state, opened);
          } catch (error) {
            failures.push(`${state} inbox message ${message.seq}: ${describe(error)}`);
          }
          message.ack();
        }
      } catch (error) {
        failures.push(`${state} reader stopped: ${describe(error)}`);
      }
    })();
    return { messages, loop };
  }));

  let stopped: Promise<void> | undefined;
  return {
    failures,
    repliesSubmitted: () => repliesSubmitted,
    stop() {
      stopped ??= (async () => {
        while (replying.size > 0) await Promise.all([...replying]);
        for (const { messages } of loops) await messages.close();
        await Promise.all(loops.map(({ loop }) => loop));
      })();
      return stopped;
    },
  };
}

/** Which of its case's arrivals a delivery is, or a description of what it is when it is none. */
export function classify(state: StateCode, opened: OpenedDelivery, responseCase: ReadonlyMap<string, string>): { kind: CaseArrival; alertId: string } | string {
  const { envelope, decoded } = opened;
  const Status = v1.AcknowledgementStatus;
  if (decoded.name === 'acknowledgement') {
    const ack = decoded.message;
    const delivered = ack.status === Status.ACKNOWLEDGEMENT_STATUS_DELIVERED && envelope.senderState === HUB_SENDER;
    if (state === YEAR_SENDER && delivered) return { kind: 'alertReceipt', alertId: ack.acknowledgedMessageId };
    if (state === YEAR_SENDER && ack.status === Status.ACKNOWLEDGEMENT_STATUS_READ && ack.acknowledgingState === envelope.senderState) {
      return { kind: 'read', alertId: ack.acknowledgedMessageId };
    }
    const alertId = responseCase.get(ack.acknowledgedMessageId);
    if (state !== YEAR_SENDER && delivered && alertId !== undefined) return { kind: 'responseReceipt', alertId };
    return `${Status[ack.status] ?? ack.status} from ${envelope.senderState} at ${state}${ack.reasonCode ? ` (${ack.reasonCode}: ${ack.reason})` : ''}`;
  }
  if (state === YEAR_SENDER && decoded.name === 'assistance-response') return { kind: 'response', alertId: decoded.message.requestMessageId };
  if (state !== YEAR_SENDER && decoded.name === 'case-alert' && envelope.senderState === YEAR_SENDER) return { kind: 'alert', alertId: envelope.messageId };
  return `${decoded.name} from ${envelope.senderState} at ${state}`;
}
