// Drills started at run time through the router's decision and carry-out (in-memory index, a
// JetStream stand-in that keeps what the hub publishes): a controller's START registers the drill,
// its traffic reaches only its participants, only the controller steers and ends it, and after
// END or the time window the drill's traffic is refused. Configured drills are left alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { decodeEnvelope, decodePayload, encodeEnvelope, type DecodedPayload } from '../../services/core/codec.ts';
import type { PayloadName } from '../../services/core/payload-registry.ts';
import { v1, type Envelope } from '../../services/core/proto.ts';
import { directoryEntryFor, generateSigningKey, KeyDirectory, signEnvelope } from '../../services/core/signing/mod.ts';
import { subjects } from '../../services/core/subjects.ts';
import { carryOut } from '../../services/router/carry-out-decision.ts';
import { hubServicesConfigSchema, policyFromConfig } from '../../services/router/hub-config.ts';
import { hubIdentity } from '../../services/router/hub-outbox.ts';
import { drillKey } from '../../services/router/drill-registry.ts';
import { decideSubmission, InMemoryMessageIndex, routingPolicy, type Decision } from '../../services/router/mod.ts';
import { NOW, validEnvelopeFields, type MessageOverrides } from '../support/validation-fixtures.ts';

const STATES = ['IDN', 'KHM', 'THA', 'VNM', 'MYS'] as const;
type State = (typeof STATES)[number];
const keys = Object.fromEntries(STATES.map((state) => [state, generateSigningKey(state)])) as Record<State, ReturnType<typeof generateSigningKey>>;
const directory = new KeyDirectory(Object.values(keys).map((key) => directoryEntryFor(key)));
const hub = hubIdentity(generateSigningKey('HUB'));
const { DistributionMode, DrillControlAction: Action } = v1;
const broadcast = { mode: DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST, states: [] };
const named = (...states: string[]) => ({ mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states });
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const CONFIGURED = 'DRILL-CONFIGURED';

interface Published { subject: string; envelope: Envelope; decoded: DecodedPayload }

function testHub() {
  const index = new InMemoryMessageIndex();
  const published: Published[] = [];
  const js = {
    async publish(subject: string, data: Uint8Array) {
      const envelope = decodeEnvelope(data);
      published.push({ subject, envelope, decoded: decodePayload(envelope) });
      return { seq: published.length, duplicate: false, stream: 'TIP_OUTBOX' };
    },
  } as unknown as JetStreamClient;
  const policy = routingPolicy({ states: [...STATES], drills: { [CONFIGURED]: ['IDN', 'KHM'] }, drillControllers: ['IDN'] });
  let sequence = 0;
  async function submit<N extends PayloadName>(name: N, sender: State, drillId: string, overrides: MessageOverrides<N> = {}, nowMs = NOW + 1_000, messageId: string = randomUUID()) {
    const fields = validEnvelopeFields(name, { ...overrides, envelope: { messageId, senderState: sender, exercise: true, drillId, caseReference: '', ...overrides.envelope } });
    const data = encodeEnvelope(signEnvelope(fields, keys[sender]));
    const subject = subjects.submit(sender, 'exercise', name);
    const decision = await decideSubmission({ subject, data, nowMs }, { directory, policy, index });
    sequence += 1;
    const message = { subject, data, headers: undefined, info: { streamSequence: sequence, timestampNanos: sequence, deliveryCount: 1 } } as unknown as JsMsg;
    await carryOut({ js, index, hub, logger: silent as never }, decision, message, nowMs);
    return { decision, messageId };
  }
  const control = (sender: State, drillId: string, action: v1.DrillControlAction, payload: Partial<v1.DrillControl.$Properties> = {}, nowMs?: number, messageId?: string) =>
    submit('drill-control', sender, drillId, { envelope: { distribution: broadcast }, payload: { drillId, action, participants: [], scenario: '', ...payload } }, nowMs, messageId);
  const start = (sender: State, drillId: string, participants: string[], payload: Partial<v1.DrillControl.$Properties> = {}, messageId?: string) =>
    control(sender, drillId, Action.DRILL_CONTROL_ACTION_START, { participants, scenario: 'Rescue from a compound', ...payload }, undefined, messageId);
  const alert = (sender: State, drillId: string, distribution: v1.IDistribution = broadcast, nowMs?: number) =>
    submit('case-alert', sender, drillId, { envelope: { distribution, caseReference: `${sender}-2026-000001` } }, nowMs);
  const copiesOf = (messageId: string) => published.filter((p) => p.envelope.messageId === messageId && p.subject.startsWith('tip.v1.outbox.')).map((p) => p.subject.split('.')[3]).sort();
  return { index, published, submit, control, start, alert, copiesOf };
}

const codeOf = (decision: Decision) => (decision.kind === 'reject' ? decision.code : 'deliver');
const recipientsOf = (decision: Decision) => (decision.kind === 'deliver' ? [...decision.recipients].sort() : []);

describe('a drill started at run time by its controller', () => {
  test('START from an allowed controller registers the drill before its copies; its traffic reaches only the participants', async () => {
    const h = testHub();
    const started = await h.start('IDN', 'DRILL-RUNTIME-1', ['KHM', 'THA']);
    assert.equal(codeOf(started.decision), 'deliver');
    assert.deepEqual(recipientsOf(started.decision), ['KHM', 'THA']);
    assert.deepEqual(h.copiesOf(started.messageId), ['KHM', 'THA']);
    const record = await h.index.getDrill('DRILL-RUNTIME-1');
    assert.deepEqual([record?.controller, record?.participants, record?.status, record?.startMessageId], ['IDN', ['IDN', 'KHM', 'THA'], 'running', started.messageId]);
    // A broadcast is narrowed to the drill; a named outsider is refused; an outsider cannot speak in it.
    assert.deepEqual(recipientsOf((await h.alert('THA', 'DRILL-RUNTIME-1')).decision), ['IDN', 'KHM']);
    assert.equal(codeOf((await h.alert('THA', 'DRILL-RUNTIME-1', named('VNM'))).decision), 'NOT_A_DRILL_PARTICIPANT');
    assert.equal(codeOf((await h.alert('VNM', 'DRILL-RUNTIME-1')).decision), 'NOT_A_DRILL_PARTICIPANT');
  });

  test('START from a state the operator does not allow is refused NOT_A_DRILL_CONTROLLER, and registers nothing', async () => {
    const h = testHub();
    const refused = await h.start('THA', 'DRILL-RUNTIME-2', ['IDN', 'KHM']);
    assert.equal(codeOf(refused.decision), 'NOT_A_DRILL_CONTROLLER');
    assert.equal(await h.index.getDrill('DRILL-RUNTIME-2'), undefined);
    assert.deepEqual(h.copiesOf(refused.messageId), []);
    assert.equal(codeOf((await h.alert('THA', 'DRILL-RUNTIME-2')).decision), 'NOT_A_DRILL_PARTICIPANT', 'an unknown drill stays unknown');
  });

  test('a second START for the id is DRILL_ID_IN_USE; the same START redone is carried again without a change', async () => {
    const h = testHub();
    const first = await h.start('IDN', 'DRILL-RUNTIME-3', ['KHM']);
    const before = await h.index.getDrill('DRILL-RUNTIME-3');
    assert.equal(codeOf((await h.start('IDN', 'DRILL-RUNTIME-3', ['KHM', 'THA'])).decision), 'DRILL_ID_IN_USE');
    const redo = await h.start('IDN', 'DRILL-RUNTIME-3', ['KHM'], {}, first.messageId);
    assert.equal(codeOf(redo.decision), 'deliver');
    assert.deepEqual(await h.index.getDrill('DRILL-RUNTIME-3'), before);
  });

  test('only the controller pauses, resumes and ends; traffic goes on while paused; after END every message of the drill is DRILL_ENDED', async () => {
    const h = testHub();
    await h.start('IDN', 'DRILL-RUNTIME-4', ['KHM', 'THA']);
    assert.equal(codeOf((await h.control('KHM', 'DRILL-RUNTIME-4', Action.DRILL_CONTROL_ACTION_END)).decision), 'NOT_A_DRILL_CONTROLLER');
    assert.equal(codeOf((await h.control('IDN', 'DRILL-RUNTIME-4', Action.DRILL_CONTROL_ACTION_PAUSE)).decision), 'deliver');
    assert.equal((await h.index.getDrill('DRILL-RUNTIME-4'))?.status, 'paused');
    const inFlight = await h.alert('KHM', 'DRILL-RUNTIME-4');
    assert.equal(codeOf(inFlight.decision), 'deliver', 'a paused drill still carries its traffic');
    assert.equal(codeOf((await h.control('IDN', 'DRILL-RUNTIME-4', Action.DRILL_CONTROL_ACTION_RESUME)).decision), 'deliver');
    const ended = await h.control('IDN', 'DRILL-RUNTIME-4', Action.DRILL_CONTROL_ACTION_END);
    assert.equal(codeOf(ended.decision), 'deliver');
    assert.deepEqual(h.copiesOf(ended.messageId), ['KHM', 'THA'], 'the participants are told it ended');
    assert.equal((await h.index.getDrill('DRILL-RUNTIME-4'))?.status, 'ended');
    const late = await h.alert('THA', 'DRILL-RUNTIME-4');
    assert.equal(codeOf(late.decision), 'DRILL_ENDED');
    assert.match(late.decision.kind === 'reject' ? late.decision.reason : '', /controller ended it/);
    const ack = await h.submit('acknowledgement', 'THA', 'DRILL-RUNTIME-4', { envelope: { distribution: named('KHM'), inReplyTo: inFlight.messageId }, payload: { acknowledgedMessageId: inFlight.messageId, acknowledgingState: 'THA' } });
    assert.equal(codeOf(ack.decision), 'DRILL_ENDED', `replies too (${ack.decision.kind === 'reject' ? ack.decision.reason : ''})`);
    assert.equal(codeOf((await h.control('IDN', 'DRILL-RUNTIME-4', Action.DRILL_CONTROL_ACTION_RESUME)).decision), 'DRILL_ENDED', 'an ended drill is not resumed');
    // A message the hub accepted before END, redone after it, is still carried.
    const redone = await h.submit('case-alert', 'KHM', 'DRILL-RUNTIME-4', { envelope: { distribution: broadcast, caseReference: 'KHM-2026-000001' } }, undefined, inFlight.messageId);
    assert.equal(codeOf(redone.decision), 'deliver', 'the same bytes again: a redo, not new traffic');
  });

  test('after the START\'s ends_at the drill is closed without an END', async () => {
    const h = testHub();
    await h.start('IDN', 'DRILL-RUNTIME-5', ['KHM'], { endsAtUnixMs: NOW + 60_000 });
    assert.equal(codeOf((await h.alert('KHM', 'DRILL-RUNTIME-5', broadcast, NOW + 59_000)).decision), 'deliver');
    const late = await h.alert('KHM', 'DRILL-RUNTIME-5', broadcast, NOW + 60_000);
    assert.equal(codeOf(late.decision), 'DRILL_ENDED');
    assert.match(late.decision.kind === 'reject' ? late.decision.reason : '', /time window has passed/);
  });

  test('a configured drill is left as configured: any participant may send its START, and the registry is not written', async () => {
    const h = testHub();
    assert.equal(codeOf((await h.start('KHM', CONFIGURED, ['IDN'])).decision), 'deliver');
    assert.equal(await h.index.getDrill(CONFIGURED), undefined);
    assert.equal(codeOf((await h.control('KHM', CONFIGURED, Action.DRILL_CONTROL_ACTION_END)).decision), 'deliver');
    assert.equal(codeOf((await h.alert('IDN', CONFIGURED)).decision), 'deliver', 'only a restart with another configuration ends it');
  });
});

describe('drill registration: keys and configuration', () => {
  test('a drill id of any text gets a key-safe index key of its own', () => {
    assert.match(drillKey('Übung 2026 / Phase 1'), /^drill\.[0-9a-f]{32}$/);
    assert.notEqual(drillKey('A'), drillKey('B'));
  });

  test('the hub configuration allows no controller unless it names them', () => {
    const base = { servers: ['nats://127.0.0.1:4222'], user: 'hub', password: 'x', replicas: 1, hubKeyFile: 'k', keyDirectoryFile: 'd', states: ['IDN', 'KHM'] };
    assert.deepEqual(policyFromConfig(hubServicesConfigSchema.parse(base)).drillControllers, []);
    assert.deepEqual(policyFromConfig(hubServicesConfigSchema.parse({ ...base, drillControllers: ['IDN'] })).drillControllers, ['IDN']);
    assert.equal(hubServicesConfigSchema.safeParse({ ...base, drillControllers: ['XYZ'] }).success, false);
  });
});
