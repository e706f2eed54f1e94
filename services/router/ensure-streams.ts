// Creates the hub's streams, or brings an existing one up to the current definition, so starting
// a hub service is idempotent.
import { jetstreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { hasJetStreamCode, hubStreamConfigs, JetStreamApiCodes, type HubStreamOptions } from '../core/mod.ts';

export async function ensureHubStreams(nc: NatsConnection, options: HubStreamOptions): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const config of hubStreamConfigs(options)) {
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config as Partial<StreamConfig>);
    } catch (error) {
      // Recognised by the server's code: only a missing stream is created, anything else propagates.
      if (!hasJetStreamCode(error, JetStreamApiCodes.StreamNotFound)) throw error;
      await jsm.streams.add(config);
    }
  }
}
