// Keys on disk. Private keys go one per file with mode 0600 in a git-ignored folder; the public
// directory is JSON the hub operator signs and publishes (signed-directory.ts). All are validated
// when read back; a file is written whole and renamed into place, so a crash never leaves half.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../errors.ts';
import type { DirectoryEntry } from './key-directory.ts';
import type { SignedDirectory } from './signed-directory.ts';
import { exportSigningKey, importSigningKey, type SigningKey } from './signing-keys.ts';

/** Longest revocation reason the directory carries (it is quoted in UNKNOWN_KEY refusals). */
export const REVOCATION_REASON_MAX = 200;

const keyFileSchema = z.object({
  keyId: z.string().min(1),
  owner: z.string().regex(/^([A-Z]{3}|OPERATOR)$/, 'must be a three-letter ISO code, HUB or OPERATOR'),
  privateKeyPkcs8: z.string().min(1),
});

const entrySchema = z.object({
  keyId: z.string().min(1).max(100),
  owner: z.string().regex(/^[A-Z]{3}$/),
  publicKey: z.string().refine((value) => Buffer.from(value, 'base64').byteLength === 32, 'must be a base64 32-byte Ed25519 public key'),
  notBeforeUnixMs: z.number().int().nonnegative(),
  notAfterUnixMs: z.number().int().nonnegative(),
  revoked: z.boolean(),
  revokedAtUnixMs: z.number().int().nonnegative().optional(),
  revocationReason: z.string().max(REVOCATION_REASON_MAX).optional(),
});

const uniqueKeyIds = (keys: readonly { keyId: string }[]) => new Set(keys.map((entry) => entry.keyId)).size === keys.length;

/** directory.json as `tipnet keys` wrote it before it was signed: the entries alone. */
const directorySchema = z.object({
  keys: z.array(entrySchema).refine(uniqueKeyIds, 'a key id is listed twice'),
});

const signedDirectorySchema = z.strictObject({
  version: z.number().int().positive(),
  issuedAtUnixMs: z.number().int().nonnegative(),
  operatorKeyId: z.string().min(1).max(100),
  keys: z.array(entrySchema).max(10_000).refine(uniqueKeyIds, 'a key id is listed twice'),
  signature: z.string().min(1).max(200),
});

export function keyFilePath(folder: string, owner: string): string {
  return join(folder, `${owner}.signing-key.json`);
}

/**
 * Writes the owner's key file. `exclusive` refuses (EEXIST) when a file is already there, so a
 * private key is never replaced by accident; the operator tools always write that way.
 */
export async function writeSigningKey(folder: string, key: SigningKey, options: { exclusive?: boolean } = {}): Promise<string> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const path = keyFilePath(folder, key.owner);
  await writeFile(path, `${JSON.stringify(exportSigningKey(key), null, 2)}\n`, { mode: 0o600, flag: options.exclusive ? 'wx' : 'w' });
  await chmod(path, 0o600);
  return path;
}

/** Where a replaced key file is kept: `<OWNER>.signing-key.<keyId>.json`, beside the current one. */
export function retiredKeyFilePath(folder: string, key: { owner: string; keyId: string }): string {
  return join(folder, `${key.owner}.signing-key.${key.keyId}.json`);
}

export async function readSigningKey(path: string): Promise<SigningKey> {
  const parsed = keyFileSchema.safeParse(await readJson(path));
  if (!parsed.success) throw new ConfigurationError(`signing key file ${path}`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return importSigningKey(parsed.data);
}

export async function writeKeyDirectory(path: string, entries: readonly DirectoryEntry[]): Promise<void> {
  await writeWhole(path, `${JSON.stringify({ keys: entries }, null, 2)}\n`);
}

/** A signed directory file reads as a plain one too (its `keys`), so older readers keep working. */
export async function writeSignedDirectory(path: string, signed: SignedDirectory): Promise<void> {
  await writeWhole(path, `${JSON.stringify(signed, null, 2)}\n`);
}

export async function readSignedDirectory(path: string): Promise<SignedDirectory> {
  return parseSignedDirectory(await readJson(path), `signed key directory ${path}`);
}

/** Validates a signed directory's shape (not its signature: directory-update.ts judges that). */
export function parseSignedDirectory(json: unknown, where: string): SignedDirectory {
  const parsed = signedDirectorySchema.safeParse(json);
  if (!parsed.success) throw new ConfigurationError(where, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

/** The wire form of a signed directory (hub KV bucket, subjects): its JSON, UTF-8. */
export function encodeSignedDirectory(signed: SignedDirectory): Uint8Array {
  return Buffer.from(JSON.stringify(signed), 'utf8');
}

export function decodeSignedDirectory(bytes: Uint8Array, where: string): SignedDirectory {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new ConfigurationError(where, ['not valid JSON']);
  }
  return parseSignedDirectory(json, where);
}

/** True when the file holds a signed directory (it has a signature), false for a plain one. */
export async function isSignedDirectoryFile(path: string): Promise<boolean> {
  const json = await readJson(path);
  return typeof json === 'object' && json !== null && 'signature' in json;
}

async function writeWhole(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
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
