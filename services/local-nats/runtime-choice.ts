import { LocalNatsError, LocalNatsErrorCode } from '../nats-config/mod.ts';
import { detectContainerEngine } from './container-engine.ts';
import { findNatsServerBinary } from './nats-server-binary.ts';

export const natsRuntimes = ['binary', 'container'] as const;
export type NatsRuntime = (typeof natsRuntimes)[number];

/**
 * Which way to run NATS: the caller's choice, else TIPNET_NATS_RUNTIME, else the local binary
 * when there is one, else a container when a Docker engine answers.
 */
export async function chooseNatsRuntime(
  requested: NatsRuntime | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<NatsRuntime> {
  const choice = requested ?? parseRuntime(env['TIPNET_NATS_RUNTIME']);
  if (choice !== undefined) return choice;
  if (findNatsServerBinary(env) !== undefined) return 'binary';
  const engine = await detectContainerEngine();
  if (engine.available) return 'container';
  throw new LocalNatsError(
    LocalNatsErrorCode.noRuntime,
    `cannot run NATS: no nats-server binary (install it with \`apt-get install nats-server\` or set NATS_SERVER_BIN) ` +
      `and no container engine (${engine.reason})`,
  );
}

function parseRuntime(value: string | undefined): NatsRuntime | undefined {
  if (value === undefined || value === '') return undefined;
  const runtime = natsRuntimes.find((candidate) => candidate === value);
  if (runtime === undefined) {
    throw new LocalNatsError(
      LocalNatsErrorCode.invalidConfig,
      `TIPNET_NATS_RUNTIME=${value} is not one of ${natsRuntimes.join(', ')}`,
    );
  }
  return runtime;
}
