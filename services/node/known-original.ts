// What this node knows of a message a reply names, in the shape the hub's reply rules read
// (core reply-rules.ts): one we received (its sender, and we are a recipient) or one we sent (we
// are its sender, never a recipient). A message the node has no record of is left to the hub.
import type { OriginalMessage } from '../core/mod.ts';
import type { ReceivedRecord, SentRecord } from './node-records.ts';

export function knownOriginal(state: string, sent: SentRecord | undefined, received: ReceivedRecord | undefined): OriginalMessage | undefined {
  if (received) {
    const { summary } = received;
    return { messageId: summary.messageId, sender: summary.sender, recipients: [state], exercise: summary.traffic === 'exercise' };
  }
  if (sent) {
    const { summary } = sent;
    const recipients = [...new Set([...summary.recipients, ...Object.keys(sent.recipients)])].filter((recipient) => recipient !== state);
    return { messageId: summary.messageId, sender: state, recipients, exercise: summary.traffic === 'exercise' };
  }
  return undefined;
}
