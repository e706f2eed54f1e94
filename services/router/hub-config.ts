// The hub services' start-up configuration: one JSON file (it holds a password, so mode 0600 and
// never in git), validated with every problem reported at once. Written here too, by whoever
// starts hub services as a process (`tipnet up`, the test fixture), so the shape is defined once.
import { chmod, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { readJsonFile, stateCodeSchema } from '../core/mod.ts';
import { checkNatsLogin, natsConnectionFields } from '../nats-config/mod.ts';
import { routingPolicy, type RoutingPolicy } from './routing-policy.ts';

const stateCode = stateCodeSchema;

export const hubServicesConfigSchema = z.strictObject({
  /** The hub's servers, a password or nkey seed file login to the HUB account, TLS (connection-file settings). */
  ...natsConnectionFields,
  /** JetStream replicas of the hub's streams: 3 on the cluster, 1 on a single server. */
  replicas: z.union([z.literal(1), z.literal(3)]),
  hubKeyFile: z.string().min(1),
  keyDirectoryFile: z.string().min(1),
  /**
   * The hub operator's Ed25519 public key (base64 of the raw 32 bytes). With it, keyDirectoryFile
   * must be a directory this key signed, and newer signed versions are applied live from
   * TIP_KEY_DIRECTORY; without it, the directory is a plain file read once.
   */
  operatorPublicKey: z.string().refine((value) => Buffer.from(value, 'base64').byteLength === 32, 'must be the base64 of a raw 32-byte Ed25519 public key').optional(),
  states: z.array(stateCode).min(1),
  sharingGroups: z.record(z.string(), z.array(stateCode)).default({}),
  drills: z.record(z.string(), z.array(stateCode)).default({}),
  /** States allowed to start drills at run time (a signed DrillControl START); none by default. */
  drillControllers: z.array(stateCode).default([]),
  /** Hit/no-hit queries answered per state and window; DEFAULT_QUERY_RATE when absent. */
  queryRate: z.strictObject({
    queriesPerWindow: z.number().int().min(1).max(100_000),
    windowMs: z.number().int().min(1_000).max(24 * 3_600_000),
  }).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).superRefine(checkNatsLogin);

export type HubServicesConfig = z.infer<typeof hubServicesConfigSchema>;
type RawInput = z.input<typeof hubServicesConfigSchema>;
/** What a writer supplies (read-only lists welcome): the defaulted fields may be left out. */
export type HubServicesConfigInput = {
  readonly [K in keyof RawInput]: RawInput[K] extends (infer E)[]
    ? readonly E[]
    : RawInput[K] extends Record<string, (infer E)[]> | undefined
      ? Readonly<Record<string, readonly E[]>>
      : RawInput[K];
};

/** Validates the config (a bad one fails here, not in the child process) and writes it with mode 0600. */
export async function writeHubServicesConfig(path: string, config: HubServicesConfigInput): Promise<string> {
  const valid = hubServicesConfigSchema.parse(config);
  await writeFile(path, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

export function readHubServicesConfig(path: string): Readonly<HubServicesConfig> {
  return readJsonFile(path, hubServicesConfigSchema);
}

export function policyFromConfig(config: HubServicesConfig): RoutingPolicy {
  return routingPolicy({
    states: config.states,
    sharingGroups: config.sharingGroups,
    drills: config.drills,
    drillControllers: config.drillControllers,
    ...(config.queryRate ? { queryRate: config.queryRate } : {}),
  });
}
