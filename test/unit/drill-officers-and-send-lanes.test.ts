import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCENARIO, loadScenario, planTraffic } from '../../services/drill/mod.ts';
import { SimulatedOfficer } from '../../services/drill/officer-simulation.ts';
import { createSendLanes } from '../../services/drill/send-lanes.ts';
import type { SentRecord } from '../../services/drill/drill-records.ts';
import type { DrillNode } from '../../services/drill/drill-node.ts';
import { parseActor } from '../../services/node/actor.ts';
import { NodeRequestError, type Actor, type FeedItem, type SubmitOptions } from '../../services/node/mod.ts';
import { waitFor } from '../support/hub-fixture.ts';

const scenario = loadScenario(DEFAULT_SCENARIO);
const plan = planTraffic(scenario, { wallDurationMs: scenario.duration / scenario.speed, ratePerSecond: scenario.traffic.ratePerMinute / 60, groupMembers: ['IDN', 'THA', 'KHM'] });

describe('the drill as a national system and as officers', () => {
  test('a send retried after UNAVAILABLE repeats the same request under the same key, so the node never sees a conflict', async () => {
    const request = plan.find((message) => message.type === 'assistance-request');
    assert.ok(request, 'the default plan has an assistance request');
    const calls: Array<{ json: unknown; options: SubmitOptions | undefined }> = [];
    const node = {
      async submit(json: unknown, options?: SubmitOptions) {
        calls.push({ json, options });
        if (calls.length === 1) throw new NodeRequestError('UNAVAILABLE');
        return { messageId: request.messageId, duplicate: true };
      },
    } as unknown as DrillNode;
    const sent: SentRecord[] = [];
    const errors: string[] = [];
    const lanes = createSendLanes({
      drillId: 'drill-unit', speed: 60, assistanceDeadlineMs: 3_600_000, nodeOf: () => node,
      messageIdOf: (seq) => plan[seq]?.messageId ?? '', sent, onError: (what) => errors.push(what),
    });
    lanes.send(request);
    await waitFor(() => sent.length === 1, 'the send to get through', 5_000);
    assert.equal(calls.length, 2);
    assert.equal(calls[1]?.json, calls[0]?.json, 'the very same request');
    assert.deepEqual(calls.map((call) => call.options), [{ idempotencyKey: `drill-${request.messageId}` }, { idempotencyKey: `drill-${request.messageId}` }]);
    const deadline = (calls[0]?.json as { payload: { replyDeadline: string } }).payload.replyDeadline;
    assert.equal(sent[0]?.deadlineWallMs, Date.parse(deadline), 'the deadline recorded is the one the request carries');
    assert.deepEqual(errors, []);
  });

  test("simulated officers read and action as one named officer of the state's liaison unit", async () => {
    const acknowledged: Array<[string, string, Actor | undefined]> = [];
    const node = {
      async acknowledge(messageId: string, status: string, actor?: Actor) {
        acknowledged.push([messageId, status, actor]);
        return { messageId: 'ack', duplicate: false };
      },
    } as unknown as DrillNode;
    const errors: string[] = [];
    const officer = new SimulatedOfficer({
      state: 'KHM', speed: 1_000, seed: 7, node: () => node, onError: (what) => errors.push(what),
      behaviour: { readWithin: 1_000, actionWithin: 2_000, answersAssistance: 0, answerWithin: 1_000 },
    });
    const summary = { messageId: plan[0]?.messageId, payloadName: 'case-alert', traffic: 'exercise', sender: 'IDN', requestedState: '' };
    officer.onDelivery({ event: 'delivery', summary, atUnixMs: 0, streamSequence: 1 } as unknown as FeedItem);
    await waitFor(() => acknowledged.length === 2, 'the read and the action', 5_000);
    officer.stop();
    const actor = { unit: 'KHM-LIAISON', officerRef: 'sim-khm-1' };
    assert.deepEqual(acknowledged.map(([, status, by]) => [status, by]), [['read', actor], ['actioned', actor]]);
    assert.deepEqual(parseActor(actor), actor, 'an actor the node accepts');
    assert.deepEqual(errors, []);
  });
});
