/**
 * Every failure of the NATS config builders and of the local NATS harness that starts servers
 * from them is a `LocalNatsError` with a code from this table, so callers (tests, `tipnet up`,
 * `tipnet config`) branch on the code, never on message text. It lives here, in the pure module,
 * because both throw it.
 */
import { CodedError } from '../core/mod.ts';
export const LocalNatsErrorCode = {
  /** No nats-server binary at NATS_SERVER_BIN, on PATH or at /usr/sbin/nats-server. */
  binaryNotFound: 'LOCAL_NATS_BINARY_NOT_FOUND',
  /** The server did not become healthy in time; the message carries its log tail. */
  notReady: 'LOCAL_NATS_NOT_READY',
  /** The server process ended while we waited for it to become ready. */
  exitedEarly: 'LOCAL_NATS_EXITED_EARLY',
  /** A config object cannot be rendered, or a topology input is invalid. */
  invalidConfig: 'LOCAL_NATS_INVALID_CONFIG',
  /** Neither the binary nor a container engine is available. */
  noRuntime: 'LOCAL_NATS_NO_RUNTIME',
  /** No server with that index or name in this cluster or topology. */
  unknownServer: 'LOCAL_NATS_UNKNOWN_SERVER',
  /** The operation is not possible in this state or on this runtime (e.g. restart a container). */
  unsupported: 'LOCAL_NATS_UNSUPPORTED',
} as const;

export type LocalNatsErrorCode = (typeof LocalNatsErrorCode)[keyof typeof LocalNatsErrorCode];

export class LocalNatsError extends CodedError<LocalNatsErrorCode> {
  override readonly name = 'LocalNatsError';
}
