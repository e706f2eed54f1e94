// The one way tipnet starts "a hub with leaves" on this machine, for the demo, the test fixture,
// the bench and the local deployment: the servers (a hub with one leaf per state, or a whole
// topology), signing keys and the regional matching key, a connection to the HUB account, each
// state's inbox on its leaf, and optionally the hub services in this process. stop() undoes
// everything in reverse order, each step even when an earlier one failed, also when start-up
// itself fails half-way.
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLogger, generateKeyRing, HUB_SENDER, type KeyDirectory, type Logger, type MatchingKey, type SigningKey, type StateCode } from '../core/mod.ts';
import { startHubWithLeaves, type HubWithLeavesHandle, type NatsConnectOptions } from '../local-nats/mod.ts';
import { ensureInbox } from '../node/mod.ts';
import { routingPolicy, startHubServices, type RoutingPolicy, type RunningHubServices } from '../router/mod.ts';
import { CleanupStack } from './cleanup-stack.ts';

/** The keys of a local hub: one signing key per state and the hub, their directory, the matching key. */
export interface LocalHubKeys {
  readonly signingKeys: Readonly<Record<string, SigningKey>>;
  readonly directory: KeyDirectory;
  readonly matchingKey: MatchingKey;
}

export interface LocalHubOptions<Servers extends HubWithLeavesHandle, Keys extends LocalHubKeys = LocalHubKeys> {
  readonly states: readonly StateCode[];
  /** Default: startHubWithLeaves with `hubNodes` hub servers and one leaf per state. */
  readonly startServers?: () => Promise<Servers>;
  readonly hubNodes?: 1 | 3 | undefined;
  /** Default: fresh keys in memory; a deployment writes them to files. */
  readonly createKeys?: (states: readonly StateCode[]) => Promise<Keys>;
  readonly matchingKeyId?: string | undefined;
  /** Connection names, e.g. party => `test ${party} node`. */
  readonly connectionName?: (party: StateCode | typeof HUB_SENDER) => string;
  /** Open a connection to each state's leaf and create its inbox there (default true). */
  readonly leafConnections?: boolean | undefined;
  /** Run router and dispatcher in this process (default false). */
  readonly inProcessHubServices?: false | { readonly policy?: RoutingPolicy; readonly logger?: Logger; readonly replicas?: number } | undefined;
  /** The caller's undo stack: steps it deferred before start-up run after the local hub's own. */
  readonly cleanup?: CleanupStack | undefined;
}

export interface LocalHub<Servers extends HubWithLeavesHandle, Keys extends LocalHubKeys = LocalHubKeys> extends LocalHubKeys {
  readonly servers: Servers;
  /** The keys as createKeys made them (with their file paths, for a deployment). */
  readonly keys: Keys;
  readonly states: readonly StateCode[];
  /** The HUB account: hub services and operators' checks. */
  readonly hub: NatsConnection;
  readonly hubKey: SigningKey;
  /** A state's software on its own leaf (only with leafConnections). */
  leaf(state: StateCode): NatsConnection;
  readonly hubServices: RunningHubServices | undefined;
  /** Registers one more undo step, run by stop() before the ones registered earlier. */
  defer(what: string, undo: () => Promise<unknown>): void;
  /** Undoes everything; returns the steps that failed, described. Safe to call more than once. */
  stop(): Promise<string[]>;
}

export async function startLocalHub<Servers extends HubWithLeavesHandle = HubWithLeavesHandle, Keys extends LocalHubKeys = LocalHubKeys>(
  options: LocalHubOptions<Servers, Keys>,
): Promise<LocalHub<Servers, Keys>> {
  const cleanup = options.cleanup ?? new CleanupStack();
  try {
    const servers = await (options.startServers ?? (() => startHubWithLeaves({ states: options.states, hubNodes: options.hubNodes }) as Promise<Servers>))();
    cleanup.defer('stop nats-servers', () => servers.stop());
    const createKeys = options.createKeys ?? ((states) => memoryKeys(states, options.matchingKeyId) as Promise<Keys>);
    const keys = await createKeys(options.states);
    const name = options.connectionName ?? ((party) => `tipnet local ${party}`);
    const open = async (party: StateCode | typeof HUB_SENDER, connectOptions: NatsConnectOptions) => {
      // The hub services' connection, as services/router/main.ts opens it: nats.js builds no stack
      // trace per request (about a tenth of their CPU under load, issue 15).
      const nc = await connect({ ...connectOptions, name: name(party), maxReconnectAttempts: -1, reconnectTimeWait: 100, noAsyncTraces: party === HUB_SENDER });
      cleanup.defer(`close ${name(party)}`, () => nc.close());
      return nc;
    };
    const hub = await open(HUB_SENDER, servers.hubConnectOptions);
    const leaves = new Map<StateCode, NatsConnection>();
    if (options.leafConnections ?? true) {
      for (const state of options.states) {
        const nc = await open(state, servers.leafConnectOptions(state));
        // Each state keeps its inbox on its own leaf server; the hub's dispatcher writes into it.
        await ensureInbox(nc, state);
        leaves.set(state, nc);
      }
    }
    const hubKey = keys.signingKeys[HUB_SENDER] as SigningKey;
    const hubServices = await startInProcess(options, { hub, hubKey, directory: keys.directory }, cleanup);
    return {
      signingKeys: keys.signingKeys,
      directory: keys.directory,
      matchingKey: keys.matchingKey,
      keys,
      servers,
      states: options.states,
      hub,
      hubKey,
      leaf: (state) => {
        const nc = leaves.get(state);
        if (nc === undefined) throw new Error(`the local hub has no connection to ${state}'s leaf`);
        return nc;
      },
      hubServices,
      defer: (what, undo) => cleanup.defer(what, undo),
      stop: () => cleanup.run(),
    };
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

function memoryKeys(states: readonly StateCode[], matchingKeyId = 'local-matching-key'): Promise<LocalHubKeys> {
  const { signingKeys, directory } = generateKeyRing([...states, HUB_SENDER]);
  return Promise.resolve({ signingKeys, directory, matchingKey: { id: matchingKeyId, secret: randomBytes(32) } });
}

async function startInProcess<Servers extends HubWithLeavesHandle, Keys extends LocalHubKeys>(
  options: LocalHubOptions<Servers, Keys>,
  parts: { hub: NatsConnection; hubKey: SigningKey; directory: KeyDirectory },
  cleanup: CleanupStack,
): Promise<RunningHubServices | undefined> {
  const settings = options.inProcessHubServices;
  if (!settings) return undefined;
  const running = await startHubServices({
    nc: parts.hub,
    replicas: settings.replicas ?? options.hubNodes ?? 1,
    directory: parts.directory,
    policy: settings.policy ?? routingPolicy({ states: options.states }),
    hubKey: parts.hubKey,
    logger: settings.logger ?? createLogger({ service: 'hub', level: 'silent' }),
  });
  cleanup.defer('stop hub services', () => running.stop());
  return running;
}
