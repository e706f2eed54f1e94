// The foundation demo: a local hub with leaf nodes for IDN and KHM, the router, and one signed
// rescue request moving from IDN to KHM. Everything it starts, it stops, also on failure.
import { createLogger, HUB_SENDER, signEnvelope, v1, type KeyDirectory, type SigningKey } from '../core/mod.ts';
import { startLocalHub } from '../deployment/mod.ts';
import { openDelivery, openInboxReader, publishSubmission, type OpenedDelivery } from '../node/mod.ts';
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
  // Keys: each state holds its private key; the directory of public keys is shared. Each state
  // keeps its inbox on its own leaf server; the hub's dispatcher writes into it.
  const local = await startLocalHub({
    states: ['IDN', 'KHM'],
    matchingKeyId: 'demo-matching-key',
    connectionName: (party) => (party === HUB_SENDER ? 'tipnet hub router' : `${party} national system`),
    inProcessHubServices: { logger: createLogger({ service: 'hub', level: 'warn' }) },
  });
  try {
    const { servers: topology, directory } = local;
    print(`  hub  ${topology.hubUrls.join(', ')}`);
    print(`  IDN  ${topology.leafUrl('IDN')} (leaf node, JetStream domain idn)`);
    print(`  KHM  ${topology.leafUrl('KHM')} (leaf node, JetStream domain khm)`);
    print('hub streams created; router consuming TIP_SUBMISSIONS; dispatcher feeding each state\'s TIP_INBOX');
    const idn = local.leaf('IDN');
    const khmInbox = await (await openInboxReader(local.leaf('KHM'), 'demo')).consume();
    const idnInbox = await (await openInboxReader(idn, 'demo')).consume();

    const envelope = signEnvelope(demoAlertFields(Date.now(), local.matchingKey), local.signingKeys['IDN'] as SigningKey);
    print(`IDN  signs a rescue request ${envelope.messageId} (TLP:AMBER, IMMEDIATE) with key ${envelope.keyId}`);
    print('     route IDN (origin) -> THA (transit) -> KHM (destination); distribution: destination states');
    const ack = await publishSubmission(idn, envelope);
    print(`IDN  submitted it; the hub stored it as ${ack.stream} #${ack.seq} in JetStream domain "${ack.domain}"`);

    const received = await withTimeout(firstVerified(khmInbox, directory), timeoutMs, 'KHM did not receive the alert');
    printReceived(print, received);
    const receipt = await withTimeout(firstReceipt(idnInbox, directory, envelope.messageId), timeoutMs, 'IDN did not receive a receipt');
    print(`IDN  received a hub-signed receipt: ${v1.AcknowledgementStatus[receipt.status]} to ${receipt.acknowledgingState}`);
    return { messageId: envelope.messageId, received, receipts: [receipt] };
  } finally {
    await local.stop();
    print('stopped every server and removed their data');
  }
}

function printReceived(print: (line: string) => void, received: OpenedDelivery): void {
  const alert = received.decoded.name === 'case-alert' ? received.decoded.message : undefined;
  print(`KHM  received ${received.envelope.messageId} from ${received.envelope.senderState}/${received.envelope.senderUnit}; signature verified with ${received.envelope.keyId}`);
  if (!alert) return;
  const victims = alert.victims.reduce((sum, group) => sum + group.count, 0);
  const hashed = alert.victims.flatMap((group) => group.identifiers).length;
  print(`     ${v1.CaseAlertKind[alert.kind]}: ${victims} victims, ${hashed} identifiers as keyed hashes, location ${alert.location?.placeName}`);
  print(`     "${alert.summary}"`);
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
