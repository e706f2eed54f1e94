// Keys on disk. Private keys go one per file with mode 0600 in a git-ignored folder; the public
// directory is plain JSON that a hub operator can publish. Both are validated when read back.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../errors.ts';
import type { DirectoryEntry } from './key-directory.ts';
import { exportSigningKey, importSigningKey, type SigningKey } from './signing-keys.ts';

const keyFileSchema = z.object({
  keyId: z.string().min(1),
  owner: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO code or HUB'),
  privateKeyPkcs8: z.string().min(1),
});

const directorySchema = z.object({
  keys: z.array(z.object({
    keyId: z.string().min(1),
    owner: z.string().regex(/^[A-Z]{3}$/),
    publicKey: z.string().refine((value) => Buffer.from(value, 'base64').byteLength === 32, 'must be a base64 32-byte Ed25519 public key'),
    notBeforeUnixMs: z.number().int().nonnegative(),
    notAfterUnixMs: z.number().int().nonnegative(),
    revoked: z.boolean(),
  })),
});

export function keyFilePath(folder: string, owner: string): string {
  return join(folder, `${owner}.signing-key.json`);
}

export async function writeSigningKey(folder: string, key: SigningKey): Promise<string> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const path = keyFilePath(folder, key.owner);
  await writeFile(path, `${JSON.stringify(exportSigningKey(key), null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

export async function readSigningKey(path: string): Promise<SigningKey> {
  const parsed = keyFileSchema.safeParse(await readJson(path));
  if (!parsed.success) throw new ConfigurationError(`signing key file ${path}`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return importSigningKey(parsed.data);
}

export async function writeKeyDirectory(path: string, entries: readonly DirectoryEntry[]): Promise<void> {
  await writeFile(path, `${JSON.stringify({ keys: entries }, null, 2)}\n`);
}

export async function readKeyDirectory(path: string): Promise<readonly DirectoryEntry[]> {
  const parsed = directorySchema.safeParse(await readJson(path));
  if (!parsed.success) throw new ConfigurationError(`key directory ${path}`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data.keys;
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
}
