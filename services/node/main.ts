// One member state's node process: read the validated configuration, open the leaf connection,
// start the node service and its HTTP API (with the access store on the leaf), stop both on
// SIGINT/SIGTERM. Nothing else.
import { readFile } from 'node:fs/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLogger, KeyDirectory, openLiveKeyDirectory, readKeyDirectory, readSigningKey } from '../core/mod.ts';
import { keptDirectoryFile } from './key-directory-follower.ts';
import { natsConnectOptions } from '../nats-client/mod.ts';
import { openAuditTrail } from '../audit/mod.ts';
import { AccessStore } from '../node-access/mod.ts';
import { trailRecorder } from './audit-recorder.ts';
import { createOidcSignIn, readClientSecretFile } from '../oidc-sign-in/mod.ts';
import { startNodeHttp } from './http/node-http.ts';
import { followMatchingKeyFile } from './matching-key-follower.ts';
import { dataDirOf, deadlinesInMs, readNodeConfig, type NodeConfig } from './node-config.ts';
import { startNodeService } from './node-service.ts';

export interface RunningNodeProcess {
  readonly state: string;
  readonly url: string;
  /** The node's connection to its leaf, for tools that run beside it (provisioning access). */
  readonly nc: NatsConnection;
  stop(): Promise<void>;
}

export async function runNode(configPath: string): Promise<RunningNodeProcess> {
  const config = readNodeConfig(configPath);
  const logger = createLogger({ service: 'node', state: config.state, level: config.logLevel });
  const signingKey = await readSigningKey(config.signingKeyFile);
  const dataDir = dataDirOf(config, configPath);
  const directory = config.operatorPublicKey === undefined
    ? new KeyDirectory(await readKeyDirectory(config.keyDirectoryFile))
    : await openLiveKeyDirectory({ configured: config.keyDirectoryFile, kept: keptDirectoryFile(dataDir), operatorPublicKey: config.operatorPublicKey });
  // Followed, not read once: a rotated or newly distributed key takes effect without a restart.
  const matchingKeys = await followMatchingKeyFile(config.matchingKeyFile, { logger });
  const nc = await connect({
    ...natsConnectOptions(config.leaf),
    name: `tipnet node ${config.state}`, maxReconnectAttempts: -1, reconnectTimeWait: 500,
  });
  try {
    const node = await startNodeService({
      state: config.state, nc, dataDir, signingKey, directory, matchingKey: matchingKeys.keys, logger, deadlines: deadlinesInMs(config),
      ...(config.senderUnit ? { senderUnit: config.senderUnit } : {}),
    });
    const access = await AccessStore.open(nc);
    const trail = await openAuditTrail(nc, { state: config.state, signingKey, logger });
    const http = await startNodeHttp({
      node, logger, access, audit: trailRecorder(trail, logger), port: config.httpPort, host: config.httpHost, allowedHosts: config.allowedHosts, tls: await readTls(config),
      oidc: oidcSettings(config),
      ...(config.requestsPerMinute ? { requestsPerMinute: config.requestsPerMinute } : {}),
    });
    return {
      state: config.state,
      url: http.url,
      nc,
      async stop() {
        await http.close();
        await trail.close();
        await node.stop();
        matchingKeys.stop();
        await nc.close();
      },
    };
  } catch (error) {
    matchingKeys.stop();
    await nc.close();
    throw error;
  }
}

function oidcSettings(config: NodeConfig) {
  const { oidc } = config;
  if (!oidc) return undefined;
  return {
    name: config.oidcDisplayName ?? new URL(oidc.issuer).host,
    defaultUnit: config.senderUnit ?? `${config.state}-LIAISON`,
    signIn: async () => createOidcSignIn(oidc, { clientSecret: await readClientSecretFile(oidc.clientSecretFile) }),
  };
}

async function readTls(config: NodeConfig): Promise<{ key: Buffer; cert: Buffer } | undefined> {
  if (!config.tls) return undefined;
  return { key: await readFile(config.tls.keyFile), cert: await readFile(config.tls.certFile) };
}

/** Runs until SIGINT or SIGTERM. */
export async function runNodeUntilSignalled(configPath: string, print: (line: string) => void = console.log): Promise<void> {
  const running = await runNode(configPath);
  print(`tipnet node listening on ${running.url} (dashboard at ${running.url}/)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const configPath = process.argv[2];
  if (!configPath) {
    console.error('usage: node --import tsx services/node/main.ts <config.json>');
    process.exit(2);
  }
  await runNodeUntilSignalled(configPath);
}
