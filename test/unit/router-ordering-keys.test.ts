import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tip } from '../../services/core/proto.ts';
import { decodeEnvelope, decodePayload, encodeEnvelope } from '../../services/core/codec.ts';
import { followsEarlierMessages, orderingKeys } from '../../services/router/mod.ts';
import { IDS, validEnvelopeFields } from '../support/validation-fixtures.ts';
import type { PayloadName } from '../../services/core/payload-registry.ts';

const bytesOf = <N extends PayloadName>(name: N, overrides: Parameters<typeof validEnvelopeFields<N>>[1] = {}) =>
  encodeEnvelope(tip.Envelope.create(validEnvelopeFields(name, overrides)));

describe('router ordering keys', () => {
  test('an alert waits only for submissions with its own message id, not for its sender\'s other alerts', () => {
    assert.deepEqual(orderingKeys(bytesOf('case-alert'), 7), [`message.${IDS.message}`]);
    const other = orderingKeys(bytesOf('case-alert', { envelope: { messageId: IDS.replacement } }), 8);
    assert.deepEqual(other, [`message.${IDS.replacement}`]);
  });

  test('a retraction waits for the message it retracts', () => {
    assert.deepEqual(orderingKeys(bytesOf('retraction'), 7), [`message.${IDS.message}`, `message.${IDS.alert}`]);
  });

  test('a receipt and an answer wait for what they answer, named in the envelope or the payload', () => {
    assert.deepEqual(orderingKeys(bytesOf('acknowledgement'), 7), [`message.${IDS.message}`, `message.${IDS.alert}`]);
    const response = orderingKeys(bytesOf('assistance-response', { envelope: { inReplyTo: IDS.alert } }), 7);
    assert.deepEqual(response, [`message.${IDS.message}`, `message.${IDS.alert}`, `message.${IDS.request}`]);
  });

  test('exercise traffic also keeps its sender\'s order within the drill (a start before its first message)', () => {
    const keys = orderingKeys(bytesOf('drill-control'), 7);
    assert.deepEqual(keys, [`message.${IDS.message}`, 'drill.DRILL-2026-01.IDN']);
  });

  test('bytes that do not decode wait for nothing: they are keyed by their place in the stream', () => {
    assert.deepEqual(orderingKeys(new Uint8Array([0xff, 0xff, 0xff]), 42), ['sequence.42']);
    assert.deepEqual(orderingKeys(bytesOf('case-alert', { envelope: { messageId: '' } }), 43), ['sequence.43']);
  });

  describe('which copies may be handed straight into an inbox (those that follow nothing)', () => {
    const follows = (bytes: Uint8Array) => {
      const envelope = decodeEnvelope(bytes);
      return followsEarlierMessages(envelope, decodePayload(envelope));
    };
    test('an alert that refers to nothing follows nothing', () => {
      assert.equal(follows(bytesOf('case-alert')), false);
    });
    test('a retraction, a receipt and an answer follow what they refer to', () => {
      assert.equal(follows(bytesOf('retraction')), true);
      assert.equal(follows(bytesOf('acknowledgement')), true);
      assert.equal(follows(bytesOf('assistance-response', { envelope: { inReplyTo: IDS.alert } })), true);
    });
    test('an alert sent in reply (in_reply_to) follows what it answers', () => {
      assert.equal(follows(bytesOf('case-alert', { envelope: { inReplyTo: IDS.alert } })), true);
    });
    test('exercise traffic follows its drill\'s start', () => {
      assert.equal(follows(bytesOf('drill-control')), true);
    });
  });
});
