// Ed25519 signing keys for states and the hub (node:crypto; no native add-on needed).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface SigningKey {
  readonly keyId: string;
  /** ISO alpha-3 code of the owning state, or HUB. */
  readonly owner: string;
  readonly privateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

/** Stored form of a private key: never committed, never logged, files are written 0600. */
export interface SigningKeyFile {
  readonly keyId: string;
  readonly owner: string;
  /** PKCS#8 DER, base64. */
  readonly privateKeyPkcs8: string;
}

/** Key ids name the owner and a fingerprint of the public key, e.g. "IDN-9f86d081884c7d65". */
export function keyIdFor(owner: string, publicKey: Uint8Array): string {
  return `${owner}-${createHash('sha256').update(publicKey).digest('hex').slice(0, 16)}`;
}

export function generateSigningKey(owner: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { keyId: keyIdFor(owner, raw), owner, privateKey, publicKey: raw };
}

export function exportSigningKey(key: SigningKey): SigningKeyFile {
  const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
  return { keyId: key.keyId, owner: key.owner, privateKeyPkcs8: der.toString('base64') };
}

export function importSigningKey(file: SigningKeyFile): SigningKey {
  const privateKey = createPrivateKey({ key: Buffer.from(file.privateKeyPkcs8, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`key ${file.keyId} is ${privateKey.asymmetricKeyType}, not ed25519`);
  }
  return { keyId: file.keyId, owner: file.owner, privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

export function rawPublicKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}
