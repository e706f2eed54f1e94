// The hub's bucket of the signed key directory (TIP_KEY_DIRECTORY, account HUB): where the
// operator's tools publish a new version and every hub services instance watches for one.
import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { encodeSignedDirectory, KEY_DIRECTORY_BUCKET, KEY_DIRECTORY_KEY, type SignedDirectory } from '../core/mod.ts';

/** Opens the bucket, creating it on first use; history keeps the last versions for the operator's record. */
export function openKeyDirectoryBucket(nc: NatsConnection, replicas: number): Promise<KV> {
  return new Kvm(nc).create(KEY_DIRECTORY_BUCKET, { replicas, history: 16, storage: StorageType.File });
}

/** Puts a signed directory for every hub services instance to pick up; returns the bucket revision. */
export async function publishKeyDirectory(nc: NatsConnection, signed: SignedDirectory, replicas: number): Promise<number> {
  const kv = await openKeyDirectoryBucket(nc, replicas);
  return kv.put(KEY_DIRECTORY_KEY, encodeSignedDirectory(signed));
}
