export { envelopeSigningInput, SIGNING_CONTEXT } from './signing-input.ts';
export { signEnvelope, verifyEnvelope } from './envelope-signature.ts';
export { KeyDirectory, directoryEntryFor, type DirectoryEntry } from './key-directory.ts';
export {
  exportSigningKey, generateSigningKey, importSigningKey, keyIdFor, type SigningKey, type SigningKeyFile,
} from './signing-keys.ts';
export { keyFilePath, readKeyDirectory, readSigningKey, writeKeyDirectory, writeSigningKey } from './key-store.ts';
export { generateKeyRing, type KeyRing } from './key-ring.ts';
