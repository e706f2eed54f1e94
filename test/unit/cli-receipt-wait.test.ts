import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type SentStatus, verdictOf, waitForHubVerdict } from '../../services/cli/receipt-wait.ts';

/** A clock that only moves when the wait sleeps. */
function fakeTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => { now += ms; } };
}

describe('tipnet send waits for the hub\'s word', () => {
  test('a hub refusal is the verdict, with its reason code and words', () => {
    assert.deepEqual(verdictOf({ rejection: { reasonCode: 'RED_NEEDS_NAMED_RECIPIENTS', reason: 'TLP:RED must use NAMED' }, recipients: [] }),
      { kind: 'refused', by: 'HUB', reasonCode: 'RED_NEEDS_NAMED_RECIPIENTS', reason: 'TLP:RED must use NAMED' });
  });

  test('a recipient that refused (e.g. the copy expired) is a refusal by that state', () => {
    const status: SentStatus = { recipients: [{ state: 'KHM', stage: 'rejected', rejected: { reasonCode: 'EXPIRED', reason: 'expired' } }, { state: 'THA', stage: 'delivered' }] };
    assert.deepEqual(verdictOf(status), { kind: 'refused', by: 'KHM', reasonCode: 'EXPIRED', reason: 'expired' });
  });

  test('delivered receipts name the states reached; nothing yet is no verdict', () => {
    assert.deepEqual(verdictOf({ recipients: [{ state: 'KHM', stage: 'read' }, { state: 'THA', stage: 'pending' }] }), { kind: 'delivered', to: ['KHM'] });
    assert.equal(verdictOf({ recipients: [] }), undefined);
    assert.equal(verdictOf(undefined), undefined);
  });

  test('it asks again until the receipt comes', async () => {
    const answers: (SentStatus | undefined)[] = [undefined, { recipients: [] }, { recipients: [{ state: 'KHM', stage: 'delivered' }] }];
    let asked = 0;
    const verdict = await waitForHubVerdict({ waitMs: 5_000, pollMs: 100, ...fakeTime(), fetchStatus: async () => answers[asked++] });
    assert.deepEqual([verdict, asked], [{ kind: 'delivered', to: ['KHM'] }, 3]);
  });

  test('it gives up when the wait is over, having asked at least once', async () => {
    let asked = 0;
    const verdict = await waitForHubVerdict({ waitMs: 1_000, pollMs: 250, ...fakeTime(), fetchStatus: async () => { asked += 1; return undefined; } });
    assert.deepEqual([verdict.kind, asked], ['no-answer', 5]);
  });
});
