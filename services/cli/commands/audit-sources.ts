// Where `tipnet audit` finds what it works on: the state's leaf (from a node config file), the
// key directory, the signing key, an exported copy, and who the operator is. Each failure names
// what was wrong; CommandFailure carries the exit code the command ends with.
import { readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { auditActorSchema, auditDraftSchema, type AuditActor } from '../../audit/mod.ts';
import { natsConnectOptions } from '../../nats-client/mod.ts';
import { ConfigurationError, isStateCode, KeyDirectory, readKeyDirectory, readSigningKey, type SigningKey } from '../../core/mod.ts';
import { readNodeConfig, type NodeConfig } from '../../node/mod.ts';

/** Exit codes of `tipnet audit`: 1 tampering found, 2 bad usage or configuration, 3 the trail could not be reached. */
export const AUDIT_EXIT = Object.freeze({ ok: 0, tampered: 1, usage: 2, unreachable: 3 });

export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export function nodeConfigFrom(path: string): Readonly<NodeConfig> {
  return readNodeConfig(path);
}

/** A connection to the state's leaf as its apps user; an unreachable leaf is a CommandFailure (exit 3). */
export async function connectLeaf(config: Readonly<NodeConfig>): Promise<NatsConnection> {
  const servers = [...config.leaf.servers];
  try {
    return await connect({ ...natsConnectOptions(config.leaf), name: `tipnet audit ${config.state}`, timeout: 5_000 });
  } catch (cause) {
    throw new CommandFailure(`cannot reach ${config.state}'s leaf at ${servers.join(', ')}: ${(cause as Error).message}`, AUDIT_EXIT.unreachable);
  }
}

export async function keyDirectoryFrom(path: string): Promise<KeyDirectory> {
  return new KeyDirectory(await withMissingFile(`key directory ${path}`, () => readKeyDirectory(path)));
}

export async function signingKeyFrom(path: string): Promise<SigningKey> {
  return withMissingFile(`signing key file ${path}`, () => readSigningKey(path));
}

export async function trailFileFrom(path: string): Promise<string> {
  return withMissingFile(`audit trail file ${path}`, () => readFile(path, 'utf8'));
}

/** The state code given with --state, checked. */
export function stateFrom(value: unknown): string {
  const code = String(value ?? '').toUpperCase();
  if (!isStateCode(code)) throw new ConfigurationError('--state', [`"${String(value ?? '')}" is not a state code known to tipnet`]);
  return code;
}

/** The operator running the command, as the actor of the entries it writes. */
export function operatorFrom(value: unknown): AuditActor {
  const id = typeof value === 'string' ? value : userInfo().username;
  const parsed = auditActorSchema.safeParse({ kind: 'operator', id });
  if (!parsed.success) throw new ConfigurationError('--operator', ['must be 1 to 200 printable ASCII characters without spaces']);
  return parsed.data;
}

/** This machine's name, as the `from` of the operator's entries, when it fits the field. */
export function localHost(): { from?: string } {
  const name = hostname();
  return auditDraftSchema.shape.from.safeParse(name).success ? { from: name } : {};
}

async function withMissingFile<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new ConfigurationError(what, [code === 'ENOENT' || code === 'ENOTDIR' ? 'file not found' : `cannot be read (${code})`]);
  }
}
