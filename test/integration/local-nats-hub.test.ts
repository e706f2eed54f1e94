import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startHubWithLeaves, type NatsConnectOptions } from '../../services/local-nats/mod.ts';
import {
  bytes,
  firstMessage,
  jetStreamPublishUntilStored,
  permissionViolationFor,
  publishUntilReceived,
  subjectsSeenUpToMarker,
} from '../support/nats-probes.ts';

/**
 * Starts a hub with leaves IDN and KHM, with one HUB service connection and one `apps`
 * connection on each leaf; the test's cleanup closes the connections, then stops every server.
 */
async function startHubFixture(t: TestContext, hubNodes: 1 | 3, testName: string) {
  const topology = await startHubWithLeaves({ states: ['IDN', 'KHM'], hubNodes });
  const connections: NatsConnection[] = [];
  t.after(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await topology.stop();
  });
  const open = async (options: NatsConnectOptions, role: string) => {
    const nc = await connect({ ...options, name: `${testName} ${role}` });
    connections.push(nc);
    return nc;
  };
  return {
    topology,
    open,
    hub: await open(topology.hubConnectOptions, 'HUB'),
    idn: await open(topology.leafConnectOptions('IDN'), 'IDN apps'),
    khm: await open(topology.leafConnectOptions('KHM'), 'KHM apps'),
  };
}

type Connections = Pick<Awaited<ReturnType<typeof startHubFixture>>, 'hub' | 'idn' | 'khm'>;

/** A state's inbox stream on its own leaf, created by the state's apps user. */
async function createInbox(nc: NatsConnection, state: string): Promise<void> {
  await (await jetstreamManager(nc)).streams.add({ name: 'TIP_INBOX', subjects: [`tip.v1.deliver.${state}.>`] });
}

async function inboxSubjects(nc: NatsConnection): Promise<string[]> {
  const jsm = await jetstreamManager(nc);
  const count = (await jsm.streams.info('TIP_INBOX')).state.messages;
  const stored = await Promise.all(Array.from({ length: count }, (_, index) => jsm.streams.getMessage('TIP_INBOX', { seq: index + 1 })));
  return stored.map((message) => message?.subject ?? '(missing)');
}

/** HUB stores every state's submissions; the publisher on the leaf must get the PubAck. */
async function jetStreamSubmissionIsAcknowledged(connections: Connections, replicas: number): Promise<void> {
  const hubStreams = await jetstreamManager(connections.hub);
  await hubStreams.streams.add({ name: 'TIP_SUBMISSIONS', subjects: ['tip.v1.submit.>'], num_replicas: replicas });
  const ack = await jetstream(connections.idn).publish('tip.v1.submit.IDN.x', bytes('alert'), { retries: 20 });
  assert.deepEqual([ack.stream, ack.domain, ack.seq], ['TIP_SUBMISSIONS', 'hub', 1]);
  const stored = await hubStreams.streams.getMessage('TIP_SUBMISSIONS', { seq: 1 });
  assert.equal(stored?.subject, 'tip.v1.submit.IDN.x');
}

/** HUB's request on KHM's delivery subject is stored by TIP_INBOX on KHM's leaf, which acknowledges it. */
async function deliveryIsStoredInKhmInbox(connections: Connections): Promise<void> {
  await createInbox(connections.khm, 'KHM');
  const ack = await jetStreamPublishUntilStored(connections.hub, 'tip.v1.deliver.KHM.x', bytes('for KHM'));
  assert.deepEqual([ack.stream, ack.domain, ack.seq], ['TIP_INBOX', 'khm', 1]);
  const stored = await (await jetstreamManager(connections.khm)).streams.getMessage('TIP_INBOX', { seq: 1 });
  assert.deepEqual([stored?.subject, stored?.string()], ['tip.v1.deliver.KHM.x', 'for KHM']);
}

/** A HUB service forwards IDN's submission to KHM's delivery subject, with the same suffix. */
async function submissionCrossesToTheOtherLeaf(connections: Connections): Promise<void> {
  const forwarder = connections.hub.subscribe('tip.v1.submit.IDN.>');
  const forwarding = (async () => {
    for await (const message of forwarder) {
      const suffix = message.subject.slice('tip.v1.submit.IDN.'.length);
      connections.hub.publish(`tip.v1.deliver.KHM.${suffix}`, message.data);
    }
  })();
  const khmInbox = connections.khm.subscribe('tip.v1.deliver.KHM.>', { max: 1 });
  const delivered = await publishUntilReceived(
    () => connections.idn.publish('tip.v1.submit.IDN.alert-1', bytes('from IDN')),
    firstMessage(khmInbox),
  );
  assert.deepEqual([delivered.subject, delivered.string()], ['tip.v1.deliver.KHM.alert-1', 'from IDN']);
  forwarder.unsubscribe();
  await forwarding;
}

describe('a hub with leaf nodes IDN and KHM in separate accounts', () => {
  test('a message published by IDN\'s apps to tip.v1.submit.IDN.test reaches a HUB subscriber', async (t) => {
    const connections = await startHubFixture(t, 1, 'submit test');

    const hubInbox = connections.hub.subscribe('tip.v1.submit.IDN.>', { max: 1 });
    const received = await publishUntilReceived(
      () => connections.idn.publish('tip.v1.submit.IDN.test', bytes('hello hub')),
      firstMessage(hubInbox),
    );
    assert.deepEqual([received.subject, received.string()], ['tip.v1.submit.IDN.test', 'hello hub']);
  });

  test('a JetStream publish by IDN\'s apps is stored in HUB\'s TIP_SUBMISSIONS and acknowledged', async (t) => {
    const connections = await startHubFixture(t, 1, 'jetstream submit test');
    await jetStreamSubmissionIsAcknowledged(connections, 1);
  });

  test('a HUB JetStream publish on tip.v1.deliver.KHM.x is stored in TIP_INBOX on KHM\'s leaf (domain khm) and acknowledged', async (t) => {
    const connections = await startHubFixture(t, 1, 'delivery test');
    await deliveryIsStoredInKhmInbox(connections);
  });

  test('a HUB delivery to KHM never reaches IDN\'s inbox', async (t) => {
    const connections = await startHubFixture(t, 1, 'delivery isolation test');
    await createInbox(connections.idn, 'IDN');
    await createInbox(connections.khm, 'KHM');

    // Each round HUB sends KHM a delivery and then IDN a marker: IDN must only ever see markers.
    const idnSeen = await subjectsSeenUpToMarker(connections.idn, 'tip.v1.deliver.IDN.>', 'tip.v1.deliver.IDN.marker', () => {
      connections.hub.publish('tip.v1.deliver.KHM.test', bytes('for KHM only'));
      connections.hub.publish('tip.v1.deliver.IDN.marker', bytes('for IDN'));
    });
    assert.ok(idnSeen.every((subject) => subject === 'tip.v1.deliver.IDN.marker'), `IDN saw ${idnSeen.join(', ')}`);
    const idnStored = await inboxSubjects(connections.idn);
    assert.ok(idnStored.length > 0 && idnStored.every((subject) => subject === 'tip.v1.deliver.IDN.marker'), `IDN stored ${idnStored.join(', ')}`);
    assert.ok((await inboxSubjects(connections.khm)).every((subject) => subject === 'tip.v1.deliver.KHM.test'));
  });

  test('IDN\'s apps cannot publish on KHM\'s submit subject: NATS refuses it and HUB never receives it', async (t) => {
    const connections = await startHubFixture(t, 1, 'forged submit test');

    const violation = await permissionViolationFor(connections.idn, 'tip.v1.submit.KHM.forged', () =>
      connections.idn.publish('tip.v1.submit.KHM.forged', bytes('pretending to be KHM')),
    );
    assert.equal(violation?.operation, 'publish');

    const hubSeen = await subjectsSeenUpToMarker(connections.hub, 'tip.v1.submit.>', 'tip.v1.submit.IDN.marker', () => {
      connections.idn.publish('tip.v1.submit.KHM.forged', bytes('pretending to be KHM'));
      connections.idn.publish('tip.v1.submit.IDN.marker', bytes('really IDN'));
    });
    assert.ok(hubSeen.every((subject) => subject === 'tip.v1.submit.IDN.marker'), `HUB saw ${hubSeen.join(', ')}`);
  });

  test('IDN\'s apps cannot subscribe to KHM\'s delivery subject: the subscription closes with a PermissionViolationError', async (t) => {
    const connections = await startHubFixture(t, 1, 'forged subscribe test');

    const subscription = connections.idn.subscribe('tip.v1.deliver.KHM.>');
    await connections.idn.flush();
    const closedWith = await Promise.race([subscription.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000))]);
    assert.ok(closedWith instanceof PermissionViolationError, `subscription ended with ${String(closedWith)}`);
    assert.deepEqual([closedWith.operation, closedWith.subject], ['subscription', 'tip.v1.deliver.KHM.>']);
  });

  test('a client without the apps credentials cannot connect to a leaf', async (t) => {
    const { topology } = await startHubFixture(t, 1, 'no credentials test');
    await assert.rejects(connect({ servers: [topology.leafUrl('IDN')], name: 'anonymous', reconnect: false }), /Authorization/i);
  });

  test('a submission from IDN crosses the hub to a subscriber on KHM\'s leaf', async (t) => {
    const connections = await startHubFixture(t, 1, 'crossing test');
    await submissionCrossesToTheOtherLeaf(connections);
  });
});

describe('a leaf outage', () => {
  test('while KHM\'s leaf is down a HUB delivery request fails; after startLeaf it is stored and the earlier inbox content is still there', async (t) => {
    const { topology, open, hub, khm } = await startHubFixture(t, 1, 'outage test');
    await createInbox(khm, 'KHM');
    await jetStreamPublishUntilStored(hub, 'tip.v1.deliver.KHM.before', bytes('before the outage'));

    await topology.stopLeaf('KHM');
    assert.equal(topology.leaves['KHM']?.isRunning, false);
    // Through the service import the hub cannot tell "no responders", so the request times out.
    await assert.rejects(jetstream(hub).publish('tip.v1.deliver.KHM.during', bytes('nobody home'), { timeout: 1_000 }), (error: unknown) =>
      error instanceof Error && ['TimeoutError', 'NoRespondersError'].includes(error.name),
    );
    await topology.startLeaf('KHM');

    const ack = await jetStreamPublishUntilStored(hub, 'tip.v1.deliver.KHM.after', bytes('welcome back'));
    assert.deepEqual([ack.stream, ack.domain, ack.seq], ['TIP_INBOX', 'khm', 2]);
    const khmAfter = await open(topology.leafConnectOptions('KHM'), 'KHM apps after outage');
    assert.deepEqual(await inboxSubjects(khmAfter), ['tip.v1.deliver.KHM.before', 'tip.v1.deliver.KHM.after']);
  });
});

describe('a hub of 3 clustered nodes with leaf nodes IDN and KHM', () => {
  test('submissions are stored in an R3 stream with a PubAck, deliveries reach KHM\'s inbox, and submissions cross to KHM', async (t) => {
    const connections = await startHubFixture(t, 3, 'clustered hub test');
    assert.equal(connections.topology.hub.nodes.length, 3);
    await jetStreamSubmissionIsAcknowledged(connections, 3);
    await deliveryIsStoredInKhmInbox(connections);
    await submissionCrossesToTheOtherLeaf(connections);
  });
});
