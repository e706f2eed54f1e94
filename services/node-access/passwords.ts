// Officer passwords, stored only as scrypt hashes (RFC 7914) with their parameters, so the cost
// can be raised later without invalidating existing accounts. Parameters follow OWASP's
// password-storage advice for scrypt (N = 2^17, r = 8, p = 1: 128 MiB per hash).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParameters {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
}

export const DEFAULT_SCRYPT: ScryptParameters = Object.freeze({ cost: 2 ** 17, blockSize: 8, parallelization: 1 });
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 1_024;

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: parameters.cost, r: parameters.blockSize, p: parameters.parallelization,
    // scrypt needs 128 * N * r bytes; leave room above it.
    maxmem: 256 * parameters.cost * parameters.blockSize,
  };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, parameters);
  return ['scrypt', parameters.cost, parameters.blockSize, parameters.parallelization, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [cost, blockSize, parallelization] = parts.slice(1, 4).map(Number);
  if (!cost || !blockSize || !parallelization) return false;
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  const key = await derive(password.slice(0, MAX_PASSWORD_CHARS), Buffer.from(parts[4] ?? '', 'base64'), { cost, blockSize, parallelization });
  return expected.byteLength === key.byteLength && timingSafeEqual(expected, key);
}

/** Problems with a new password, in words; empty when it is acceptable. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_CHARS) problems.push(`password: must be at least ${MIN_PASSWORD_CHARS} characters`);
  if (password.length > MAX_PASSWORD_CHARS) problems.push(`password: must be at most ${MAX_PASSWORD_CHARS} characters`);
  return problems;
}
