// Where messages wait during a loaded batch: the backlog of each consumer on the path (not yet
// delivered plus delivered and not yet acknowledged), sampled while the batch runs. By Little's
// law, backlog divided by throughput is the time a message spends at that stage.
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface QueueProbe {
  /** The stage, e.g. "router (TIP_SUBMISSIONS)". */
  readonly name: string;
  readonly nc: NatsConnection;
  readonly stream: string;
  readonly consumer: string;
}

export interface QueueDepth {
  readonly name: string;
  readonly samples: number;
  readonly meanBacklog: number;
  readonly maxBacklog: number;
}

export interface RunningQueueSampler {
  stop(): Promise<QueueDepth[]>;
}

export async function sampleQueueDepths(probes: readonly QueueProbe[], intervalMs = 100): Promise<RunningQueueSampler> {
  const managers = new Map<NatsConnection, JetStreamManager>();
  for (const probe of probes) if (!managers.has(probe.nc)) managers.set(probe.nc, await jetstreamManager(probe.nc));
  const backlogs = probes.map(() => [] as number[]);
  let running = true;
  const loop = (async () => {
    // Sampling is an aid, not the measurement: a failed probe (a connection closing) ends it quietly.
    try {
      while (running) {
        await Promise.all(
          probes.map(async (probe, index) => {
            const info = await managers.get(probe.nc)!.consumers.info(probe.stream, probe.consumer);
            backlogs[index]!.push(info.num_pending + info.num_ack_pending);
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    } catch {
      running = false;
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return probes.map((probe, index) => {
        const samples = backlogs[index]!;
        return {
          name: probe.name,
          samples: samples.length,
          meanBacklog: samples.reduce((sum, value) => sum + value, 0) / Math.max(1, samples.length),
          maxBacklog: Math.max(0, ...samples),
        };
      });
    },
  };
}
