import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAcknowledgement, messageStatus, newSentRecord } from '../../services/node/receipt-status.ts';
import type { AcknowledgementSummary, MessageSummary } from '../../services/node/mod.ts';

const summary = { messageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13', payloadName: 'case-alert', kind: 'rescue-request' } as MessageSummary;
const ack = (status: string, acknowledgingState: string, atUnixMs: number, reasonCode = '', by: { unit?: string; note?: string } = {}): AcknowledgementSummary => ({
  acknowledgedMessageId: summary.messageId, status, acknowledgingState, unit: by.unit ?? `${acknowledgingState}-LIAISON`, note: by.note ?? '',
  reasonCode, reason: reasonCode ? 'because' : '', atUnixMs,
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

  test('read and actioned name the unit and the note of the acknowledgement that said so', () => {
    let record = newSentRecord({ payload: new Uint8Array() }, summary, 1);
    record = applyAcknowledgement(record, ack('delivered', 'KHM', 10, '', { unit: 'HUB' }));
    record = applyAcknowledgement(record, ack('read', 'KHM', 30, '', { unit: 'KHM-NCB-PHNOM-PENH', note: 'officer sokha' }));
    record = applyAcknowledgement(record, ack('actioned', 'KHM', 40, '', { unit: 'KHM-LIAISON' }));
    const [khm] = messageStatus(record).recipients;
    assert.deepEqual(khm?.readBy, { unit: 'KHM-NCB-PHNOM-PENH', note: 'officer sokha' });
    assert.deepEqual(khm?.actionedBy, { unit: 'KHM-LIAISON' }, 'no note: no note field');
    assert.equal('deliveredBy' in (khm ?? {}), false, "the hub's DELIVERED names no actor");
    // The JSON the HTTP API returns for that recipient.
    assert.deepEqual(JSON.parse(JSON.stringify(khm)), {
      state: 'KHM', deliveredAtUnixMs: 10, readAtUnixMs: 30, readBy: { unit: 'KHM-NCB-PHNOM-PENH', note: 'officer sokha' },
      actionedAtUnixMs: 40, actionedBy: { unit: 'KHM-LIAISON' }, stage: 'actioned', stages: ['delivered', 'read', 'actioned'],
    });
  });

  test('the first READ names who read; a later READ from another unit of the same state changes nothing', () => {
    const first = applyAcknowledgement(newSentRecord({ payload: new Uint8Array() }, summary, 1), ack('read', 'KHM', 30, '', { unit: 'KHM-NCB', note: 'officer sokha' }));
    assert.equal(applyAcknowledgement(first, ack('read', 'KHM', 31, '', { unit: 'KHM-IMMIGRATION', note: 'officer dara' })), first);
    assert.deepEqual(messageStatus(first).recipients[0]?.readBy, { unit: 'KHM-NCB', note: 'officer sokha' });
  });

  test('each recipient state has its own actor', () => {
    let record = newSentRecord({ payload: new Uint8Array() }, summary, 1);
    record = applyAcknowledgement(record, ack('read', 'KHM', 30, '', { unit: 'KHM-NCB', note: 'officer sokha' }));
    record = applyAcknowledgement(record, ack('read', 'THA', 32, '', { unit: 'THA-DSI', note: 'officer somchai' }));
    assert.deepEqual(messageStatus(record).recipients.map((r) => [r.state, r.readBy?.unit, r.readBy?.note]), [
      ['KHM', 'KHM-NCB', 'officer sokha'],
      ['THA', 'THA-DSI', 'officer somchai'],
    ]);
  });

  test('a summary without a unit (stored before units were kept) sets the time and names nobody', () => {
    const record = applyAcknowledgement(newSentRecord({ payload: new Uint8Array() }, summary, 1), ack('read', 'KHM', 30, '', { unit: '' }));
    const [khm] = messageStatus(record).recipients;
    assert.equal(khm?.readAtUnixMs, 30);
    assert.equal(khm?.readBy, undefined);
  });
});
