import { test } from 'node:test';
import assert from 'node:assert/strict';
import { v1 } from '../../services/core/proto.ts';
import { runDemo } from '../../services/demo/mod.ts';

test('the demo moves one signed alert from IDN to KHM through the router and IDN gets a DELIVERED receipt', async () => {
  const lines: string[] = [];
  const result = await runDemo((line) => lines.push(line));

  assert.equal(result.received.envelope.messageId, result.messageId);
  assert.equal(result.received.envelope.senderState, 'IDN');
  assert.equal(result.received.decoded.name, 'case-alert');
  assert.deepEqual(
    result.receipts.map((receipt) => [v1.AcknowledgementStatus[receipt.status], receipt.acknowledgingState]),
    [['ACKNOWLEDGEMENT_STATUS_DELIVERED', 'KHM']],
  );
  const output = lines.join('\n');
  assert.match(output, /KHM {2}received .* signature verified/);
  assert.match(output, /stopped every server/);
  // No clear identifier of the demo's victims may appear in what the demo prints.
  assert.doesNotMatch(output, /C ?1234567|0812|81234567890/);
});

