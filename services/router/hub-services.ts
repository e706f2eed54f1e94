// Everything the hub runs besides nats-server, started in one call: streams, the message index,
// the router and the dispatcher. Each router process calls this; the pieces are shared safely.
import type { NatsConnection } from '@nats-io/transport-node';
import { type KeyLookup, LiveKeyDirectory, type Logger, type SigningKey, type StateCode } from '../core/mod.ts';
import { startDispatcher, type RunningDispatcher } from './dispatcher.ts';
import { ensureHubStreams } from './ensure-streams.ts';
import { startKeyDirectorySource } from './key-directory-source.ts';
import { leanRequests } from './lean-requests.ts';
import { KvMessageIndex } from './message-index.ts';
import { startRouter, type RunningRouter } from './router-service.ts';
import type { RoutingPolicy } from './routing-policy.ts';

export interface HubServicesOptions {
  readonly nc: NatsConnection;
  /** 3 on a clustered hub, 1 on a single server. */
  readonly replicas: number;
  /**
   * The keys envelopes are verified with. A LiveKeyDirectory (signed by the hub operator) is kept
   * current from TIP_KEY_DIRECTORY and served to the states; a plain KeyDirectory stays as it is.
   */
  readonly directory: KeyLookup;
  readonly policy: RoutingPolicy;
  readonly hubKey: SigningKey;
  readonly logger: Logger;
  /**
   * States whose leaf this instance feeds: its dispatcher's, and those the router hands copies and
   * receipts to directly; every state in the policy by default.
   */
  readonly dispatchTo?: readonly StateCode[];
}

export interface RunningHubServices {
  readonly router: RunningRouter;
  readonly dispatcher: RunningDispatcher;
  stop(): Promise<void>;
}

export async function startHubServices(options: HubServicesOptions): Promise<RunningHubServices> {
  await ensureHubStreams(options.nc, { replicas: options.replicas });
  // One reply subscription for the requests every message makes (lean-requests.ts).
  const requests = leanRequests(options.nc);
  const index = await KvMessageIndex.open(options.nc, { replicas: options.replicas, requests });
  const startedAt = Date.now();
  void index.sightingsLoaded().then(() => options.logger.info(
    { identifiers: index.mirroredSightings, ms: Date.now() - startedAt }, 'hit index sightings loaded into memory'),
  // Stopped before it finished loading: nothing to report.
  () => undefined);
  const router = await startRouter({
    nc: options.nc,
    hubKey: options.hubKey,
    context: { directory: options.directory, policy: options.policy, index },
    logger: options.logger.child({ component: 'router' }),
    ...(options.dispatchTo ? { handOverTo: options.dispatchTo } : {}),
    requests,
  });
  const keySource = options.directory instanceof LiveKeyDirectory
    ? await startKeyDirectorySource({ nc: options.nc, live: options.directory, replicas: options.replicas, logger: options.logger.child({ component: 'key-directory' }) })
    : undefined;
  const dispatcher = await startDispatcher({
    nc: options.nc,
    states: options.dispatchTo ?? options.policy.states,
    hubKey: options.hubKey,
    logger: options.logger.child({ component: 'dispatcher' }),
    requests,
  });
  return {
    router,
    dispatcher,
    async stop() {
      await keySource?.stop();
      await router.stop();
      await dispatcher.stop();
      await index.close();
      requests.close();
    },
  };
}
