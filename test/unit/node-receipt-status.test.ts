import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAcknowledgement, messageStatus, newSentRecord } from '../../services/node/receipt-status.ts';
import type { AcknowledgementSummary, MessageSummary } from '../../services/node/mod.ts';

const summary = { messageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13', payloadName: 'case-alert', kind: 'rescue-request' } as MessageSummary;
const ack = (status: string, acknowledgingState: string, atUnixMs: number, reasonCode = ''): AcknowledgementSummary => ({
  acknowledgedMessageId: summary.messageId, status, acknowledgingState, reasonCode, reason: reasonCode ? 'because' : '', atUnixMs,
});

describe('message status from receipts', () => {
  test('delivered, read and actioned per recipient, in whatever order the receipts arrive', () => {
    let record = newSentRecord({ payload: new Uint8Array() }, summary, 1);
    for (const receipt of [ack('read', 'KHM', 30), ack('delivered', 'KHM', 10), ack('delivered', 'THA', 11), ack('actioned', 'KHM', 40)]) {
      record = applyAcknowledgement(record, receipt);
    }
    const status = messageStatus(record);
    assert.deepEqual(status.recipients.map((r) => [r.state, r.stage, r.stages]), [
      ['KHM', 'actioned', ['delivered', 'read', 'actioned']],
      ['THA', 'delivered', ['delivered']],
    ]);
  });

  test('the same receipt twice changes nothing, and the first time is kept', () => {
    const once = applyAcknowledgement(newSentRecord({ payload: new Uint8Array() }, summary, 1), ack('read', 'KHM', 30));
    assert.equal(applyAcknowledgement(once, ack('read', 'KHM', 99)), once);
  });

  test("a hub rejection is the message's, a recipient's rejection is that recipient's", () => {
    let record = newSentRecord({ payload: new Uint8Array() }, summary, 1);
    record = applyAcknowledgement(record, ack('rejected', 'HUB', 5, 'RED_NEEDS_NAMED_RECIPIENTS'));
    record = applyAcknowledgement(record, ack('rejected', 'KHM', 6, 'UNKNOWN_KEY'));
    const status = messageStatus(record);
    assert.equal(status.rejection?.reasonCode, 'RED_NEEDS_NAMED_RECIPIENTS');
    assert.deepEqual(status.recipients.map((r) => [r.state, r.stage, r.rejected?.reasonCode]), [['KHM', 'rejected', 'UNKNOWN_KEY']]);
  });
});
