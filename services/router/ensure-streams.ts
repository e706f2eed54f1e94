// Creates the hub's streams, or brings an existing one up to the current definition, so starting
// a hub service is idempotent.
import { jetstreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { hubStreamConfigs, type HubStreamOptions } from '../core/hub-streams.ts';

export async function ensureHubStreams(nc: NatsConnection, options: HubStreamOptions): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const config of hubStreamConfigs(options)) {
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config as Partial<StreamConfig>);
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
      await jsm.streams.add(config);
    }
  }
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && /stream not found/i.test(error.message);
}
