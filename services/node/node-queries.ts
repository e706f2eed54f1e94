// What the node answers about its own records, read from the in-memory mirror of its buckets:
// status of what it sent, what it received, and the assistance requests due either way.
import { dueList, ourAnswersOf, retractedIdsOf, sentRequestsOf, type DueInput, type DueList } from './deadlines.ts';
import { EMPTY_FEED_FILTER, matchesFeedFilter, type FeedFilter } from './feed-filter.ts';
import type { MessageSummary } from './message-summary.ts';
import type { ReceivedRecord } from './node-records.ts';
import type { NodeStore } from './node-store.ts';
import { messageStatus, type MessageStatus } from './receipt-status.ts';

export interface ReceivedMessage {
  readonly messageId: string;
  readonly summary: MessageSummary;
  readonly receivedAtUnixMs: number;
  readonly acknowledged: ReceivedRecord['acknowledged'];
}

export interface NodeQueries {
  status(messageId: string): MessageStatus | undefined;
  sent(): MessageStatus[];
  received(filter?: FeedFilter): ReceivedMessage[];
  receivedMessage(messageId: string): ReceivedMessage | undefined;
  due(): DueList;
  /** The records deadlines and escalation are judged from, at the node's clock. */
  dueInput(): DueInput;
}

export function nodeQueries(state: string, store: NodeStore, now: () => number): NodeQueries {
  function dueInput(): DueInput {
    const sent = store.sent.values();
    const received = store.received.values().map((record) => record.summary);
    return {
      state,
      nowMs: now(),
      received,
      sent: sentRequestsOf(sent),
      answeredByUs: new Set(sent.filter((record) => record.summary.payloadName === 'assistance-response').map((record) => record.summary.relatedMessageId)),
      ourAnswers: ourAnswersOf(sent),
      retracted: retractedIdsOf([
        ...sent.map((record) => ({ summary: record.summary, refused: record.hubRejection !== undefined })), ...received.map((summary) => ({ summary })),
      ]),
      escalations: new Map(store.escalations.values().map((record) => [record.requestMessageId, record.escalatedAtUnixMs])),
    };
  }
  return {
    status(messageId) {
      const record = store.sent.get(messageId);
      return record ? messageStatus(record) : undefined;
    },
    sent: () => store.sent.values().sort((a, b) => b.sentAtUnixMs - a.sentAtUnixMs).map(messageStatus),
    received(filter = EMPTY_FEED_FILTER) {
      return store.received.values()
        .filter((record) => record.summary.payloadName !== 'acknowledgement' && matchesFeedFilter(record.summary, filter))
        .sort((a, b) => a.streamSequence - b.streamSequence)
        .map(toReceived);
    },
    receivedMessage(messageId) {
      const record = store.received.get(messageId);
      return record ? toReceived(record) : undefined;
    },
    due: () => dueList(dueInput()),
    dueInput,
  };
}

function toReceived(record: ReceivedRecord): ReceivedMessage {
  return { messageId: record.messageId, summary: record.summary, receivedAtUnixMs: record.receivedAtUnixMs, acknowledged: record.acknowledged };
}
