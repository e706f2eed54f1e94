export { envelopeSigningInput, SIGNING_CONTEXT } from './signing-input.ts';
export { signEnvelope, verifyEnvelope } from './envelope-signature.ts';
export { KeyDirectory, directoryEntryFor, type DirectoryEntry, type KeyLookup, type ResolvedKey } from './key-directory.ts';
export { keyStatusAt, type KeyStatus } from './key-status.ts';
export {
  exportSigningKey, generateSigningKey, importSigningKey, keyIdFor, type SigningKey, type SigningKeyFile,
} from './signing-keys.ts';
export {
  decodeSignedDirectory, encodeSignedDirectory, isSignedDirectoryFile, keyFilePath, retiredKeyFilePath, parseSignedDirectory, readKeyDirectory, readSignedDirectory,
  readSigningKey, REVOCATION_REASON_MAX, writeKeyDirectory, writeSignedDirectory, writeSigningKey,
} from './key-store.ts';
export { generateKeyRing, type KeyRing } from './key-ring.ts';
export {
  DIRECTORY_SIGNING_CONTEXT, directorySignatureVerifies, directorySigningInput, OPERATOR_KEY_OWNER, operatorAnchor, signDirectory,
  type DirectoryDocument, type OperatorAnchor, type SignedDirectory,
} from './signed-directory.ts';
export { DIRECTORY_UPDATE_REFUSALS, judgeDirectoryUpdate, type DirectoryUpdateRefusal, type DirectoryUpdateVerdict } from './directory-update.ts';
export { LiveKeyDirectory } from './live-key-directory.ts';
export { rotateKey, revokeKey, nextDirectory } from './directory-changes.ts';
export { openLiveKeyDirectory, type LiveDirectoryFiles } from './live-directory-files.ts';
