// Drills started at run time, over a real hub with the hub services as their own process (the
// operator's hub-services.json names IDN as the one state allowed to control drills), tried from
// outside as participants and outsiders would: signed envelopes published on each state's leaf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { encodePayload } from '../../services/core/codec.ts';
import { payloadKindByName } from '../../services/core/payload-registry.ts';
import { v1 } from '../../services/core/proto.ts';
import type { StateCode } from '../../services/core/mod.ts';
import { startHubFixture, waitFor, type HubFixture } from '../support/hub-fixture.ts';

const DRILL = `DRILL-LIVE-${randomUUID().slice(0, 8)}`;
const Action = v1.DrillControlAction;
const broadcast = { mode: v1.DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST, states: [] };

function control(fixture: HubFixture, sender: StateCode, action: v1.DrillControlAction, payload: Partial<v1.DrillControl.$Properties> = {}) {
  return fixture.sign({
    ...fixture.alert(), messageId: randomUUID(), senderState: sender, senderUnit: `${sender}-DRILL-CONTROL`, caseReference: '',
    exercise: true, drillId: DRILL, distribution: broadcast,
    payloadType: payloadKindByName('drill-control').type,
    payload: encodePayload('drill-control', v1.DrillControl.create({ drillId: DRILL, action, participants: [], scenario: '', ...payload })),
  }, sender);
}

function exerciseAlert(fixture: HubFixture, sender: StateCode) {
  return fixture.sign(fixture.alert({ senderState: sender, senderUnit: `${sender}-NCB`, caseReference: `${sender}-2026-000042`, exercise: true, drillId: DRILL, distribution: broadcast }), sender);
}

/** The hub's REJECTED receipt for a message, once it has come. */
async function refusalOf(fixture: HubFixture, state: StateCode, messageId: string): Promise<v1.Acknowledgement> {
  const inbox = fixture.inbox(state);
  await waitFor(() => inbox.receipts().some((receipt) => receipt.acknowledgedMessageId === messageId), `the hub's answer to ${state}`);
  return inbox.receipts().find((receipt) => receipt.acknowledgedMessageId === messageId) as v1.Acknowledgement;
}

test('a controller starts, pauses and ends a drill at run time; outsiders, other states and late traffic are refused with their reasons', async (t) => {
  const fixture = await startHubFixture(t, { states: ['IDN', 'KHM', 'THA', 'VNM'], hubNodes: 1, hubServices: 'process', drillControllers: ['IDN'] });
  await fixture.startHubServicesProcess();
  const inboxes = Object.fromEntries((['IDN', 'KHM', 'THA', 'VNM'] as const).map((state) => [state, fixture.inbox(state)]));

  // THA is not allowed to control drills: its START registers nothing and reaches nobody.
  const usurper = control(fixture, 'THA', Action.DRILL_CONTROL_ACTION_START, { participants: ['KHM', 'VNM'], scenario: 'A drill THA may not start' });
  await fixture.submit(usurper);
  assert.equal((await refusalOf(fixture, 'THA', usurper.messageId)).reasonCode, 'NOT_A_DRILL_CONTROLLER');

  // IDN starts it, with no restart or change of the hub services: KHM and THA take part, VNM does not.
  const start = control(fixture, 'IDN', Action.DRILL_CONTROL_ACTION_START, { participants: ['KHM', 'THA'], scenario: 'Rescue from a compound in Sihanoukville' });
  await fixture.submit(start);
  await waitFor(() => inboxes.KHM?.count(start.messageId) === 1 && inboxes.THA?.count(start.messageId) === 1, 'the START at KHM and THA');
  const fromKhm = exerciseAlert(fixture, 'KHM');
  await fixture.submit(fromKhm);
  await waitFor(() => inboxes.IDN?.count(fromKhm.messageId) === 1 && inboxes.THA?.count(fromKhm.messageId) === 1, "KHM's exercise alert at IDN and THA");
  const outsider = exerciseAlert(fixture, 'VNM');
  await fixture.submit(outsider);
  assert.equal((await refusalOf(fixture, 'VNM', outsider.messageId)).reasonCode, 'NOT_A_DRILL_PARTICIPANT');

  // Only IDN steers it: KHM's END is refused; IDN pauses (traffic goes on) and ends it.
  const khmEnd = control(fixture, 'KHM', Action.DRILL_CONTROL_ACTION_END);
  await fixture.submit(khmEnd);
  assert.equal((await refusalOf(fixture, 'KHM', khmEnd.messageId)).reasonCode, 'NOT_A_DRILL_CONTROLLER');
  const pause = control(fixture, 'IDN', Action.DRILL_CONTROL_ACTION_PAUSE);
  await fixture.submit(pause);
  const whilePaused = exerciseAlert(fixture, 'THA');
  await fixture.submit(whilePaused);
  await waitFor(() => inboxes.KHM?.count(whilePaused.messageId) === 1, 'an alert sent while paused still delivered');
  const end = control(fixture, 'IDN', Action.DRILL_CONTROL_ACTION_END);
  await fixture.submit(end);
  await waitFor(() => inboxes.KHM?.count(end.messageId) === 1 && inboxes.THA?.count(end.messageId) === 1, 'the END at the participants');

  const late = exerciseAlert(fixture, 'THA');
  await fixture.submit(late);
  const refusal = await refusalOf(fixture, 'THA', late.messageId);
  assert.equal(refusal.reasonCode, 'DRILL_ENDED');
  assert.match(refusal.reason, /has ended/);
  const restart = control(fixture, 'IDN', Action.DRILL_CONTROL_ACTION_START, { participants: ['KHM'], scenario: 'the same id again' });
  await fixture.submit(restart);
  assert.equal((await refusalOf(fixture, 'IDN', restart.messageId)).reasonCode, 'DRILL_ID_IN_USE', 'an ended drill id is not reused');

  // Nothing of the drill reached VNM, and nothing after END reached anyone.
  assert.deepEqual(inboxes.VNM?.content().filter((item) => item.envelope.drillId === DRILL), []);
  for (const state of ['IDN', 'KHM'] as const) assert.equal(inboxes[state]?.count(late.messageId), 0);
});
