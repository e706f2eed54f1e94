// Discovery, health and statistics of a hub services instance over NATS request/reply, shaped
// like the NATS micro services protocol ($SRV.PING|INFO|STATS[.name[.id]]), so the standard
// `nats micro` tooling can list and inspect instances. (@nats-io/services has no stable v3 yet.)
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { RunningHubServices } from './hub-services.ts';

export const HUB_SERVICE_NAME = 'tipnet-hub';
export const HUB_SERVICE_VERSION = '0.1.0';

export interface StatusEndpoint {
  stop(): Promise<void>;
}

export function serveStatus(nc: NatsConnection, options: { instance: string; services: RunningHubServices }): StatusEndpoint {
  const started = new Date().toISOString();
  const identity = { name: HUB_SERVICE_NAME, id: options.instance, version: HUB_SERVICE_VERSION, metadata: {} };
  const responses: Record<string, () => object> = {
    PING: () => ({ type: 'io.nats.micro.v1.ping_response', ...identity }),
    INFO: () => ({
      type: 'io.nats.micro.v1.info_response',
      ...identity,
      description: 'tipnet regional hub: policy router and per-state dispatcher',
      endpoints: [],
    }),
    STATS: () => {
      const { router, dispatcher } = options.services;
      return {
        type: 'io.nats.micro.v1.stats_response',
        ...identity,
        started,
        endpoints: [
          { name: 'router', subject: 'TIP_SUBMISSIONS', num_requests: router.stats.submissions, num_errors: router.stats.failures, data: { ...router.stats } },
          { name: 'dispatcher', subject: 'TIP_DELIVERIES', num_requests: dispatcher.stats.handedOver, num_errors: 0, data: { ...dispatcher.stats } },
        ],
      };
    },
  };
  const subscriptions: Subscription[] = [];
  for (const [verb, respond] of Object.entries(responses)) {
    for (const subject of [`$SRV.${verb}`, `$SRV.${verb}.${HUB_SERVICE_NAME}`, `$SRV.${verb}.${HUB_SERVICE_NAME}.${options.instance}`]) {
      subscriptions.push(nc.subscribe(subject, { callback: (_error, message) => void message.respond(JSON.stringify(respond())) }));
    }
  }
  return {
    async stop() {
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}
