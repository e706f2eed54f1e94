// Entry of a hub services process (router + dispatcher): reads its configuration, connects, runs
// until SIGTERM or SIGINT. Several can run at once against the same hub; they share the work.
import { connect } from '@nats-io/transport-node';
import { createLogger, KeyDirectory, openLiveKeyDirectory, readKeyDirectory, readSigningKey } from '../core/mod.ts';
import { natsConnectOptions } from '../nats-client/mod.ts';
import { policyFromConfig, readHubServicesConfig } from './hub-config.ts';
import { startHubServices } from './hub-services.ts';
import { serveStatus } from './status-endpoint.ts';

export async function runHubServices(configPath: string, instance = `${process.pid}`): Promise<void> {
  const config = readHubServicesConfig(configPath);
  const logger = createLogger({ service: 'hub', level: config.logLevel }).child({ instance });
  const directory = config.operatorPublicKey === undefined
    ? new KeyDirectory(await readKeyDirectory(config.keyDirectoryFile))
    : await openLiveKeyDirectory({ configured: config.keyDirectoryFile, operatorPublicKey: config.operatorPublicKey });
  const hubKey = await readSigningKey(config.hubKeyFile);
  const nc = await connect({
    ...natsConnectOptions(config),
    name: `tipnet hub services ${instance}`,
    // A hub node going away is routine; keep trying the others.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    // nats.js otherwise builds an Error (a stack trace) for every request and KV read, answered or
    // not, in case it times out: about a tenth of the hub services' CPU under load (issue 15).
    noAsyncTraces: true,
  });
  const services = await startHubServices({
    nc,
    replicas: config.replicas,
    directory,
    policy: policyFromConfig(config),
    hubKey,
    logger,
  });
  const status = serveStatus(nc, { instance, services });
  logger.info({ servers: config.servers, states: config.states }, 'hub services running');

  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info('stopping');
  await status.stop();
  await services.stop();
  await nc.drain();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const configPath = process.argv[2];
  if (!configPath) {
    console.error('usage: node --import tsx services/router/main.ts <hub-services.json>');
    process.exit(2);
  }
  runHubServices(configPath).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
