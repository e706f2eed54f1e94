// The foundation demo: a local hub with leaf nodes for IDN and KHM, the router, and one signed
// rescue request moving from IDN to KHM. Everything it starts, it stops, also on failure.
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER } from '../core/member-states.ts';
import { v1 } from '../core/proto.ts';
import { createLogger } from '../core/logging/mod.ts';
import { generateKeyRing, signEnvelope, type KeyDirectory, type SigningKey } from '../core/signing/mod.ts';
import { startHubWithLeaves } from '../local-nats/mod.ts';
import { openDelivery, type OpenedDelivery } from '../node/open-delivery.ts';
import { publishSubmission } from '../node/publish-submission.ts';
import { ensureInbox, openInboxReader } from '../node/inbox.ts';
import { routingPolicy, startHubServices, type RunningHubServices } from '../router/mod.ts';
import { demoAlertFields } from './demo-alert.ts';

export interface DemoResult {
  readonly messageId: string;
  /** What KHM received and verified. */
  readonly received: OpenedDelivery;
  /** Receipts IDN received from the hub. */
  readonly receipts: readonly v1.Acknowledgement[];
}

export async function runDemo(print: (line: string) => void = console.log, timeoutMs = 30_000): Promise<DemoResult> {
  print('starting a local hub with leaf nodes for IDN and KHM ...');
  const topology = await startHubWithLeaves({ states: ['IDN', 'KHM'] });
  const connections: NatsConnection[] = [];
  let hubServices: RunningHubServices | undefined;
  try {
    print(`  hub  ${topology.hubUrls.join(', ')}`);
    print(`  IDN  ${topology.leafUrl('IDN')} (leaf node, JetStream domain idn)`);
    print(`  KHM  ${topology.leafUrl('KHM')} (leaf node, JetStream domain khm)`);

    // Keys: each state holds its private key; the directory of public keys is shared.
    const { signingKeys, directory } = generateKeyRing(['IDN', 'KHM', HUB_SENDER]);
    const keys = { IDN: signingKeys['IDN'] as SigningKey, HUB: signingKeys[HUB_SENDER] as SigningKey };
    const matchingKey = { id: 'demo-matching-key', secret: randomBytes(32) };

    const hub = await connect({ ...topology.hubConnectOptions, name: 'tipnet hub router' });
    const idn = await connect({ ...topology.leafConnectOptions('IDN'), name: 'IDN national system' });
    const khm = await connect({ ...topology.leafConnectOptions('KHM'), name: 'KHM national system' });
    connections.push(hub, idn, khm);

    // Each state keeps its inbox on its own leaf server; the hub's dispatcher writes into it.
    await Promise.all([ensureInbox(idn, 'IDN'), ensureInbox(khm, 'KHM')]);
    hubServices = await startHubServices({
      nc: hub,
      replicas: 1,
      hubKey: keys.HUB,
      directory,
      policy: routingPolicy({ states: ['IDN', 'KHM'] }),
      logger: createLogger({ service: 'hub', level: 'warn' }),
    });
    print('hub streams created; router consuming TIP_SUBMISSIONS; dispatcher feeding each state\'s TIP_INBOX');

    const khmInbox = await (await openInboxReader(khm, 'demo')).consume();
    const idnInbox = await (await openInboxReader(idn, 'demo')).consume();

    const envelope = signEnvelope(demoAlertFields(Date.now(), matchingKey), keys.IDN);
    print(`IDN  signs a rescue request ${envelope.messageId} (TLP:AMBER, IMMEDIATE) with key ${envelope.keyId}`);
    print('     route IDN (origin) -> THA (transit) -> KHM (destination); distribution: destination states');
    const ack = await publishSubmission(idn, envelope);
    print(`IDN  submitted it; the hub stored it as ${ack.stream} #${ack.seq} in JetStream domain "${ack.domain}"`);

    const received = await withTimeout(firstVerified(khmInbox, directory), timeoutMs, 'KHM did not receive the alert');
    const alert = received.decoded.name === 'case-alert' ? received.decoded.message : undefined;
    print(`KHM  received ${received.envelope.messageId} from ${received.envelope.senderState}/${received.envelope.senderUnit}; signature verified with ${received.envelope.keyId}`);
    if (alert) {
      const victims = alert.victims.reduce((sum, group) => sum + group.count, 0);
      const hashed = alert.victims.flatMap((group) => group.identifiers).length;
      print(`     ${v1.CaseAlertKind[alert.kind]}: ${victims} victims, ${hashed} identifiers as keyed hashes, location ${alert.location?.placeName}`);
      print(`     "${alert.summary}"`);
    }

    const receipt = await withTimeout(firstReceipt(idnInbox, directory, envelope.messageId), timeoutMs, 'IDN did not receive a receipt');
    print(`IDN  received a hub-signed receipt: ${v1.AcknowledgementStatus[receipt.status]} to ${receipt.acknowledgingState}`);
    return { messageId: envelope.messageId, received, receipts: [receipt] };
  } finally {
    await hubServices?.stop();
    await Promise.all(connections.map((nc) => nc.close()));
    await topology.stop();
    print('stopped every server and removed their data');
  }
}

type Inbox = AsyncIterable<{ data: Uint8Array; ack(): void }>;

async function firstVerified(inbox: Inbox, directory: KeyDirectory): Promise<OpenedDelivery> {
  for await (const message of inbox) {
    message.ack();
    return openDelivery(message.data, directory);
  }
  throw new Error('inbox closed');
}

async function firstReceipt(inbox: Inbox, directory: KeyDirectory, messageId: string): Promise<v1.Acknowledgement> {
  for await (const message of inbox) {
    message.ack();
    const opened = openDelivery(message.data, directory);
    if (opened.decoded.name === 'acknowledgement' && opened.decoded.message.acknowledgedMessageId === messageId) {
      return opened.decoded.message;
    }
  }
  throw new Error('inbox closed');
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
