// The benchmark's world: a real hub (1 or 3 nodes) with IDN's and KHM's leaves (or, for the year
// replay, one leaf per state it names), each state's
// TIP_INBOX on its leaf, signing keys, and one connection per party, as test/support/hub-fixture
// starts them, from the one bootstrap in services/deployment; it stops with the bench's cleanup.
import type { NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER, type KeyDirectory, type MatchingKey, type SigningKey, type StateCode } from '../core/mod.ts';
import { startLocalHub, type CleanupStack } from '../deployment/mod.ts';
import type { HubWithLeavesHandle } from '../local-nats/mod.ts';
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
  /** The states with a leaf, and each one's software on it with its signing key. */
  readonly states: readonly StateCode[];
  leaf(state: StateCode): NatsConnection;
  signingKeyOf(state: StateCode): SigningKey;
}

export async function startBenchHub(hubNodes: 1 | 3, cleanup: CleanupStack, states: readonly StateCode[] = BENCH_STATES): Promise<BenchHub> {
  // Both inboxes, as in production: KHM receives the alerts, IDN the hub's receipts. The hub
  // services start later, after the baselines, so they are not part of the bootstrap.
  const local = await startLocalHub({
    states,
    hubNodes,
    matchingKeyId: 'bench-matching-key',
    connectionName: (party) => (party === HUB_SENDER ? 'bench hub services' : `bench ${party} node`),
    cleanup,
  });
  const topology = local.servers;
  const pidsOf = (handles: ReadonlyArray<{ pid: number | undefined }>) =>
    handles.flatMap((handle) => (handle.pid === undefined ? [] : [handle.pid]));
  return {
    topology,
    hubNodes,
    hub: local.hub,
    sender: local.leaf(SENDER),
    recipient: local.leaf(RECIPIENT),
    senderKey: local.signingKeys[SENDER] as SigningKey,
    hubKey: local.hubKey,
    directory: local.directory,
    matchingKey: local.matchingKey,
    serverPids: { hub: pidsOf(topology.hub.nodes), leaves: pidsOf(Object.values(topology.leaves)) },
    states,
    leaf: (state) => local.leaf(state),
    signingKeyOf: (state) => {
      const key = local.signingKeys[state];
      if (!key) throw new RangeError(`the bench hub has no signing key for ${state}`);
      return key;
    },
  };
}
