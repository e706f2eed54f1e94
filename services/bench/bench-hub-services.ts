// tipnet's real hub services (router and dispatcher) in the bench process, on the bench hub, for
// the states it has leaves for; stopped once, by the phase that started them or by the cleanup.
import { createLogger, type StateCode } from '../core/mod.ts';
import type { CleanupStack } from '../deployment/mod.ts';
import { routingPolicy, startHubServices, type RunningHubServices } from '../router/mod.ts';
import type { BenchHub } from './bench-hub.ts';
import type { BenchOptions } from './bench-options.ts';

/**
 * Several instances share the router's and the dispatchers' durable consumers, as separate
 * router processes on the hub would; each routes up to 32 submissions at once.
 */
export async function startBenchHubServices(
  hub: BenchHub,
  options: Pick<BenchOptions, 'hubServices' | 'hubNodes'>,
  cleanup: CleanupStack,
  states: readonly StateCode[] = hub.states,
): Promise<RunningHubServices[]> {
  const services: RunningHubServices[] = [];
  for (let instance = 0; instance < options.hubServices; instance += 1) {
    const running = await startHubServices({
      nc: hub.hub,
      replicas: options.hubNodes,
      directory: hub.directory,
      policy: routingPolicy({ states }),
      hubKey: hub.hubKey,
      logger: createLogger({ service: 'hub', level: 'silent' }),
    });
    // Stopped after the phase, or by the cleanup if the bench fails before: once either way.
    let stopped: Promise<void> | undefined;
    const stopOnce = () => (stopped ??= running.stop());
    cleanup.defer(`stop hub services ${instance + 1}`, stopOnce);
    services.push({ ...running, stop: stopOnce });
  }
  return services;
}

/** The hub services' own counts, summed over the instances. */
export function hubServiceCounters(services: readonly RunningHubServices[]): Record<string, number> {
  return {
    routerSubmissions: sum(services, (s) => s.router.stats.submissions),
    routerDelivered: sum(services, (s) => s.router.stats.delivered),
    routerRejected: sum(services, (s) => s.router.stats.rejected),
    routerFailures: sum(services, (s) => s.router.stats.failures),
    routerHandedOverDirectly: sum(services, (s) => s.router.stats.handedOverDirectly),
    dispatcherHandedOver: sum(services, (s) => s.dispatcher.stats.handedOver),
    dispatcherRetries: sum(services, (s) => s.dispatcher.stats.retries),
  };
}

function sum(services: readonly RunningHubServices[], figure: (running: RunningHubServices) => number): number {
  return services.reduce((total, running) => total + figure(running), 0);
}
