// A real hub for integration tests: nats-server hub (1 or 3 nodes) with one leaf per state, each
// state's inbox on its leaf, signing keys, and the hub services either in this process or as a
// separate process that a test can SIGKILL, from the one bootstrap in services/deployment.
// Everything stops in t.after, also when a test fails.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { jetstream, jetstreamManager, type PubAck } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { MatchingKey } from '../../services/core/keyed-hash.ts';
import { HUB_SENDER, type StateCode } from '../../services/core/member-states.ts';
import { v1, type Envelope } from '../../services/core/proto.ts';
import {
  signEnvelope, writeKeyDirectory, writeSigningKey, type KeyDirectory, type SigningKey,
} from '../../services/core/signing/mod.ts';
import { CONTRACT_VERSION, HEADERS, STREAMS, subjects } from '../../services/core/subjects.ts';
import { demoAlertFields } from '../../services/demo/mod.ts';
import { hubServicesProcess, startLocalHub, type HubServicesProcess } from '../../services/deployment/mod.ts';
import type { HubWithLeavesHandle } from '../../services/local-nats/mod.ts';
import { openInboxReader } from '../../services/node/inbox.ts';
import { openDelivery, type OpenedDelivery } from '../../services/node/open-delivery.ts';
import { publishSubmission } from '../../services/node/publish-submission.ts';
import { routingPolicy, writeHubServicesConfig, type RunningHubServices } from '../../services/router/mod.ts';

export interface HubFixtureOptions {
  readonly states: readonly StateCode[];
  readonly hubNodes: 1 | 3;
  /** 'in-process' (default) or 'process': a separate router process the test can kill. */
  readonly hubServices?: 'in-process' | 'process';
  readonly drills?: Record<string, StateCode[]>;
  /** States allowed to start drills at run time (hub services' drillControllers). */
  readonly drillControllers?: StateCode[];
  readonly sharingGroups?: Record<string, StateCode[]>;
}

/** Everything one state's software saw in its inbox, verified. */
export class InboxCollector {
  readonly received: OpenedDelivery[] = [];
  readonly failures: string[] = [];

  ofKind(name: OpenedDelivery['decoded']['name']): OpenedDelivery[] {
    return this.received.filter((item) => item.decoded.name === name);
  }

  /** Case alerts and other content, without the hub's receipts. */
  content(): OpenedDelivery[] {
    return this.received.filter((item) => item.envelope.senderState !== HUB_SENDER);
  }

  receipts(): v1.Acknowledgement[] {
    return this.received.flatMap((item) => (item.decoded.name === 'acknowledgement' ? [item.decoded.message] : []));
  }

  count(messageId: string): number {
    return this.received.filter((item) => item.envelope.messageId === messageId).length;
  }
}

export interface HubFixture {
  readonly topology: HubWithLeavesHandle;
  readonly keys: Readonly<Record<string, SigningKey>>;
  readonly directory: KeyDirectory;
  /** The regional matching key the states share for keyed hashes (never given to the hub). */
  readonly matchingKey: MatchingKey;
  readonly hub: NatsConnection;
  leaf(state: StateCode): NatsConnection;
  inbox(state: StateCode): InboxCollector;
  /** A fresh, valid rescue request from IDN (route IDN -> THA -> KHM), with overrides. */
  alert(overrides?: Partial<v1.Envelope.$Properties>): v1.Envelope.$Properties;
  sign(fields: v1.Envelope.$Properties, signer?: string): Envelope;
  submit(envelope: Envelope): Promise<PubAck>;
  /** Publishes raw bytes on a state's submission subject, as a broken or hostile client would. */
  submitRaw(state: StateCode, bytes: Uint8Array, messageId?: string): Promise<PubAck>;
  deadLetters(): Promise<Array<{ reason: string; text: string; subject: string }>>;
  waitFor(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  startHubServicesProcess(): Promise<void>;
  /** Runs `undo` when the fixture stops, before its servers go (undo steps run last-in, first-out). */
  beforeStop(what: string, undo: () => Promise<unknown>): void;
  killHubServicesProcess(): Promise<void>;
  /** The hub services process id, while it runs. */
  hubServicesPid(): number | undefined;
  readonly inProcessServices: RunningHubServices | undefined;
}

export async function startHubFixture(t: TestContext, options: HubFixtureOptions): Promise<HubFixture> {
  const policy = routingPolicy({ states: options.states, drills: options.drills ?? {}, drillControllers: options.drillControllers ?? [], sharingGroups: options.sharingGroups ?? {} });
  const local = await startLocalHub({
    states: options.states,
    hubNodes: options.hubNodes,
    matchingKeyId: 'test-matching-key',
    connectionName: (party) => (party === HUB_SENDER ? 'test hub services' : `test ${party} node`),
    inProcessHubServices: (options.hubServices ?? 'in-process') === 'in-process' && { policy },
  });
  t.after(() => local.stop());
  const { servers: topology, signingKeys: keys, directory, matchingKey, hub } = local;
  const inboxes = new Map<StateCode, InboxCollector>();
  for (const state of options.states) {
    const collector = new InboxCollector();
    inboxes.set(state, collector);
    const reader = await openInboxReader(local.leaf(state), 'test-node');
    const messages = await reader.consume();
    local.defer(`close ${state}'s inbox reader`, () => messages.close());
    void (async () => {
      for await (const message of messages) {
        try {
          collector.received.push(openDelivery(message.data, directory));
        } catch (error) {
          collector.failures.push(String(error));
        }
        message.ack();
      }
    })();
  }
  const inProcessServices = local.hubServices;

  // For a separate hub services process: its config, keys and directory in a private temp dir.
  let servicesProcess: HubServicesProcess | undefined;
  const prepareProcess = async (): Promise<HubServicesProcess> => {
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-hub-services-'));
    local.defer('remove the hub services files', () => rm(dir, { recursive: true, force: true }));
    await writeSigningKey(dir, keys[HUB_SENDER] as SigningKey);
    await writeKeyDirectory(join(dir, 'directory.json'), directory.list());
    const configPath = join(dir, 'hub-services.json');
    await writeHubServicesConfig(configPath, {
      servers: topology.hubConnectOptions.servers,
      user: topology.hubConnectOptions.user ?? '',
      password: topology.hubConnectOptions.pass ?? '',
      replicas: options.hubNodes,
      hubKeyFile: join(dir, `${HUB_SENDER}.signing-key.json`),
      keyDirectoryFile: join(dir, 'directory.json'),
      states: options.states,
      sharingGroups: options.sharingGroups ?? {},
      drills: options.drills ?? {},
      drillControllers: options.drillControllers ?? [],
      logLevel: 'warn',
    });
    return hubServicesProcess(configPath, hub);
  };
  local.defer('kill the hub services process', async () => servicesProcess?.kill());

  const fixture: HubFixture = {
    topology,
    keys,
    directory,
    matchingKey,
    hub,
    inProcessServices,
    leaf: (state) => local.leaf(state),
    inbox: (state) => required(inboxes.get(state), state),
    alert: (overrides = {}) => ({ ...demoAlertFields(Date.now(), matchingKey), messageId: randomUUID(), ...overrides }),
    sign: (fields, signer) => signEnvelope(fields, required(keys[signer ?? String(fields.senderState)], String(signer))),
    submit: (envelope) => publishSubmission(local.leaf(envelope.senderState as StateCode), envelope),
    beforeStop: (what, undo) => local.defer(what, undo),
    async submitRaw(state, bytes, messageId = randomUUID()) {
      const h = headers();
      h.set(HEADERS.contract, CONTRACT_VERSION);
      return jetstream(local.leaf(state)).publish(subjects.submit(state, 'real', 'case-alert'), bytes, { msgID: messageId, headers: h, retries: 20 });
    },
    async deadLetters() {
      const jsm = await jetstreamManager(hub);
      const info = await jsm.streams.info(STREAMS.deadLetters);
      const letters = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
        const stored = await jsm.streams.getMessage(STREAMS.deadLetters, { seq });
        if (!stored) continue;
        letters.push({
          reason: stored.header.get(HEADERS.reason),
          text: stored.header.get(HEADERS.reasonText),
          subject: stored.header.get(HEADERS.originalSubject),
        });
      }
      return letters;
    },
    waitFor,
    async startHubServicesProcess() {
      servicesProcess ??= await prepareProcess();
      await servicesProcess.start();
    },
    async killHubServicesProcess() {
      await servicesProcess?.kill();
    },
    hubServicesPid: () => (servicesProcess?.running ? servicesProcess.pid : undefined),
  };
  return fixture;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`fixture has nothing for ${what}`);
  return value;
}

