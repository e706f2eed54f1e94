// Whether a signed key directory that arrived (from the hub, a file, a persisted copy) may replace
// the one in use. Pure, and the same rules everywhere: only the pinned operator key, only a valid
// signature, only a higher version. Anything else is refused, and the directory in use stays.
import { directorySignatureVerifies, type OperatorAnchor, type SignedDirectory } from './signed-directory.ts';

export const DIRECTORY_UPDATE_REFUSALS = Object.freeze({
  UNKNOWN_OPERATOR_KEY: 'The directory names an operator key other than the one this party trusts.',
  BAD_SIGNATURE: 'The signature does not verify over the directory with the trusted operator key.',
  NOT_NEWER: 'The version is not higher than the version in use (an old or repeated directory).',
});

export type DirectoryUpdateRefusal = keyof typeof DIRECTORY_UPDATE_REFUSALS;

export type DirectoryUpdateVerdict =
  | { readonly kind: 'apply'; readonly directory: SignedDirectory }
  | { readonly kind: 'refuse'; readonly refusal: DirectoryUpdateRefusal; readonly detail: string };

/**
 * The verdict on `candidate` given the version in use (undefined when none is). The signature is
 * checked before the version, so a forged directory is reported as forged, not as merely old.
 */
export function judgeDirectoryUpdate(inUseVersion: number | undefined, candidate: SignedDirectory, anchor: OperatorAnchor): DirectoryUpdateVerdict {
  if (candidate.operatorKeyId !== anchor.keyId) {
    return refuse('UNKNOWN_OPERATOR_KEY', `version ${candidate.version} names operator key ${candidate.operatorKeyId}; trusted: ${anchor.keyId}`);
  }
  if (!directorySignatureVerifies(candidate, anchor)) {
    return refuse('BAD_SIGNATURE', `version ${candidate.version} is not signed by ${anchor.keyId}`);
  }
  if (inUseVersion !== undefined && candidate.version <= inUseVersion) {
    return refuse('NOT_NEWER', `version ${candidate.version} is not newer than version ${inUseVersion} in use`);
  }
  return { kind: 'apply', directory: candidate };
}

function refuse(refusal: DirectoryUpdateRefusal, detail: string): DirectoryUpdateVerdict {
  return { kind: 'refuse', refusal, detail };
}
