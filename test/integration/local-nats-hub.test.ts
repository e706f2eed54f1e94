import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startHubWithLeaves, type NatsConnectOptions } from '../../services/local-nats/mod.ts';

const encoder = new TextEncoder();

/*
 * Interest crosses leaf connections and routes asynchronously, so a fresh subscription may miss
 * a message published right after it. These tests publish again until the expected message
 * arrives (or the deadline passes), which is what a real retrying sender does too.
 */
async function publishUntilReceived(
  publish: () => void,
  received: Promise<Msg>,
  timeoutMs = 10_000,
): Promise<Msg> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    publish();
    const message = await Promise.race([received, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200))]);
    if (message !== undefined) return message;
    if (Date.now() > deadline) throw new Error(`no message within ${timeoutMs} ms`);
  }
}

async function firstMessage(subscription: Subscription): Promise<Msg> {
  for await (const message of subscription) return message;
  throw new Error(`subscription ${subscription.getSubject()} closed without a message`);
}

/**
 * Subjects that reach `watcher` on `watchSubject` while `sendRound` runs until one message on
 * `markerSubject` arrives. The marker, sent after the probes of its round, proves the watcher's
 * interest had reached the sender, so any probe that leaked would have arrived before it.
 */
async function subjectsSeenUpToMarker(
  watcher: NatsConnection,
  watchSubject: string,
  markerSubject: string,
  sendRound: () => void,
): Promise<string[]> {
  const subscription = watcher.subscribe(watchSubject);
  const seen: string[] = [];
  let markerArrived: (message: Msg) => void = () => {};
  const marker = new Promise<Msg>((resolve) => (markerArrived = resolve));
  const watching = (async () => {
    for await (const message of subscription) {
      seen.push(message.subject);
      if (message.subject === markerSubject) markerArrived(message);
    }
  })();
  await publishUntilReceived(sendRound, marker);
  sendRound();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await watcher.flush();
  subscription.unsubscribe();
  await watching;
  return seen;
}

/**
 * Starts a hub with leaves IDN and KHM, with one HUB service connection and one app connection
 * on each leaf; the test's cleanup closes the connections, then stops every server.
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
    idn: await open({ servers: [topology.leafUrl('IDN')] }, 'IDN app'),
    khm: await open({ servers: [topology.leafUrl('KHM')] }, 'KHM app'),
  };
}

type Connections = Pick<Awaited<ReturnType<typeof startHubFixture>>, 'hub' | 'idn' | 'khm'>;

/** HUB stores every state's submissions; the publisher on the leaf must get the PubAck. */
async function jetStreamSubmissionIsAcknowledged(connections: Connections, replicas: number): Promise<void> {
  const hubStreams = await jetstreamManager(connections.hub);
  await hubStreams.streams.add({ name: 'TIP_SUBMISSIONS', subjects: ['tip.v1.submit.>'], num_replicas: replicas });
  const ack = await jetstream(connections.idn).publish('tip.v1.submit.IDN.x', encoder.encode('alert'), { retries: 20 });
  assert.deepEqual([ack.stream, ack.domain, ack.seq], ['TIP_SUBMISSIONS', 'hub', 1]);
  const stored = await hubStreams.streams.getMessage('TIP_SUBMISSIONS', { seq: 1 });
  assert.equal(stored?.subject, 'tip.v1.submit.IDN.x');
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
    () => connections.idn.publish('tip.v1.submit.IDN.alert-1', encoder.encode('from IDN')),
    firstMessage(khmInbox),
  );
  assert.deepEqual([delivered.subject, delivered.string()], ['tip.v1.deliver.KHM.alert-1', 'from IDN']);
  forwarder.unsubscribe();
  await forwarding;
}

describe('a hub with leaf nodes IDN and KHM in separate accounts', () => {
  test('a message published on IDN\'s leaf to tip.v1.submit.IDN.test reaches a HUB subscriber', async (t) => {
    const connections = await startHubFixture(t, 1, 'submit test');

    const hubInbox = connections.hub.subscribe('tip.v1.submit.IDN.>', { max: 1 });
    const received = await publishUntilReceived(
      () => connections.idn.publish('tip.v1.submit.IDN.test', encoder.encode('hello hub')),
      firstMessage(hubInbox),
    );
    assert.deepEqual([received.subject, received.string()], ['tip.v1.submit.IDN.test', 'hello hub']);
  });

  test('a HUB delivery to KHM reaches KHM\'s leaf and never IDN\'s', async (t) => {
    const connections = await startHubFixture(t, 1, 'delivery test');

    const khmInbox = connections.khm.subscribe('tip.v1.deliver.KHM.>', { max: 1 });
    const delivered = await publishUntilReceived(
      () => connections.hub.publish('tip.v1.deliver.KHM.test', encoder.encode('for KHM')),
      firstMessage(khmInbox),
    );
    assert.equal(delivered.string(), 'for KHM');

    // Each round HUB sends KHM a delivery and then IDN a marker: IDN must only ever see markers.
    const idnSeen = await subjectsSeenUpToMarker(connections.idn, 'tip.v1.deliver.>', 'tip.v1.deliver.IDN.marker', () => {
      connections.hub.publish('tip.v1.deliver.KHM.test', encoder.encode('for KHM only'));
      connections.hub.publish('tip.v1.deliver.IDN.marker', encoder.encode('for IDN'));
    });
    assert.ok(idnSeen.every((subject) => subject === 'tip.v1.deliver.IDN.marker'), `IDN saw ${idnSeen.join(', ')}`);
  });

  test('IDN cannot submit under KHM\'s code: HUB never receives tip.v1.submit.KHM.* from IDN\'s leaf', async (t) => {
    const connections = await startHubFixture(t, 1, 'forged submit test');

    const hubSeen = await subjectsSeenUpToMarker(connections.hub, 'tip.v1.submit.>', 'tip.v1.submit.IDN.marker', () => {
      connections.idn.publish('tip.v1.submit.KHM.forged', encoder.encode('pretending to be KHM'));
      connections.idn.publish('tip.v1.submit.IDN.marker', encoder.encode('really IDN'));
    });
    assert.ok(hubSeen.every((subject) => subject === 'tip.v1.submit.IDN.marker'), `HUB saw ${hubSeen.join(', ')}`);
  });

  test('a submission from IDN crosses the hub to a subscriber on KHM\'s leaf', async (t) => {
    const connections = await startHubFixture(t, 1, 'crossing test');
    await submissionCrossesToTheOtherLeaf(connections);
  });

  test('a JetStream publish from IDN\'s leaf is stored in HUB\'s TIP_SUBMISSIONS and acknowledged', async (t) => {
    const connections = await startHubFixture(t, 1, 'jetstream submit test');
    await jetStreamSubmissionIsAcknowledged(connections, 1);
  });
});

describe('a leaf outage', () => {
  test('a leaf stopped with stopLeaf comes back with startLeaf, keeps its local JetStream store and receives deliveries again', async (t) => {
    const { topology, open, hub, khm } = await startHubFixture(t, 1, 'outage test');
    const localStore = await jetstreamManager(khm);
    await localStore.streams.add({ name: 'KHM_LOCAL', subjects: ['local.>'] });
    await jetstream(khm).publish('local.kept', encoder.encode('kept across the outage'));

    await topology.stopLeaf('KHM');
    assert.equal(topology.leaves['KHM']?.isRunning, false);
    await topology.startLeaf('KHM');

    const khmAfter = await open({ servers: [topology.leafUrl('KHM')] }, 'KHM app after outage');
    assert.equal((await (await jetstreamManager(khmAfter)).streams.info('KHM_LOCAL')).state.messages, 1);
    const khmInbox = khmAfter.subscribe('tip.v1.deliver.KHM.>', { max: 1 });
    const delivered = await publishUntilReceived(
      () => hub.publish('tip.v1.deliver.KHM.after-outage', encoder.encode('welcome back')),
      firstMessage(khmInbox),
    );
    assert.equal(delivered.string(), 'welcome back');
  });
});

describe('a hub of 3 clustered nodes with leaf nodes IDN and KHM', () => {
  test('submissions are stored in an R3 stream with a PubAck and still cross to KHM', async (t) => {
    const connections = await startHubFixture(t, 3, 'clustered hub test');
    assert.equal(connections.topology.hub.nodes.length, 3);
    await jetStreamSubmissionIsAcknowledged(connections, 3);
    await submissionCrossesToTheOtherLeaf(connections);
  });
});
