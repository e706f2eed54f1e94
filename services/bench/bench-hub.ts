// The benchmark's world: a real hub (1 or 3 nodes) with IDN's and KHM's leaves, each state's
// TIP_INBOX on its leaf, signing keys, and one connection per party, as test/support/hub-fixture
// starts them. Every server and connection is registered for cleanup as soon as it exists.
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { MatchingKey } from '../core/keyed-hash.ts';
import { HUB_SENDER, type StateCode } from '../core/member-states.ts';
import { generateKeyRing, type KeyDirectory, type SigningKey } from '../core/signing/mod.ts';
import { startHubWithLeaves, type HubWithLeavesHandle } from '../local-nats/mod.ts';
import { ensureInbox } from '../node/inbox.ts';
import type { CleanupStack } from './cleanup-stack.ts';
import type { CpuGroups } from './cpu-usage.ts';

export const SENDER: StateCode = 'IDN';
export const RECIPIENT: StateCode = 'KHM';
export const BENCH_STATES: readonly StateCode[] = [SENDER, RECIPIENT];

export interface BenchHub {
  readonly topology: HubWithLeavesHandle;
  readonly hubNodes: 1 | 3;
  /** HUB account: hub services and the bare forwarder. */
  readonly hub: NatsConnection;
  /** IDN's software on IDN's leaf. */
  readonly sender: NatsConnection;
  /** KHM's software on KHM's leaf. */
  readonly recipient: NatsConnection;
  readonly senderKey: SigningKey;
  readonly hubKey: SigningKey;
  readonly directory: KeyDirectory;
  readonly matchingKey: MatchingKey;
  readonly serverPids: CpuGroups;
}

export async function startBenchHub(hubNodes: 1 | 3, cleanup: CleanupStack): Promise<BenchHub> {
  const topology = await startHubWithLeaves({ states: BENCH_STATES, hubNodes });
  cleanup.defer('stop nats-servers', () => topology.stop());

  const { signingKeys, directory } = generateKeyRing([...BENCH_STATES, HUB_SENDER]);
  const keyOf = (owner: string) => signingKeys[owner] as SigningKey;
  const open = async (name: string, options: typeof topology.hubConnectOptions) => {
    const nc = await connect({ ...options, name, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    cleanup.defer(`close ${name}`, () => nc.close());
    return nc;
  };
  const hub = await open('bench hub services', topology.hubConnectOptions);
  const sender = await open(`bench ${SENDER} node`, topology.leafConnectOptions(SENDER));
  const recipient = await open(`bench ${RECIPIENT} node`, topology.leafConnectOptions(RECIPIENT));
  // Both inboxes, as in production: KHM receives the alerts, IDN the hub's receipts.
  await ensureInbox(sender, SENDER);
  await ensureInbox(recipient, RECIPIENT);

  const pidsOf = (handles: ReadonlyArray<{ pid: number | undefined }>) =>
    handles.flatMap((handle) => (handle.pid === undefined ? [] : [handle.pid]));
  return {
    topology,
    hubNodes,
    hub,
    sender,
    recipient,
    senderKey: keyOf(SENDER),
    hubKey: keyOf(HUB_SENDER),
    directory,
    matchingKey: { id: 'bench-matching-key', secret: randomBytes(32) },
    serverPids: { hub: pidsOf(topology.hub.nodes), leaves: pidsOf(Object.values(topology.leaves)) },
  };
}
