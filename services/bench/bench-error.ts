// Every failure of the benchmark is a BenchError with a code from this table, so the entry point
// can tell a bad option (exit 2) from a run that broke (exit 1) without reading message text.
import { CodedError } from '../core/mod.ts';
export const BenchErrorCode = {
  /** An option from argv or the environment is missing its value or out of range. */
  invalidOptions: 'BENCH_INVALID_OPTIONS',
  /** A phase did not finish before its deadline: messages were lost or the path stalled. */
  timedOut: 'BENCH_TIMED_OUT',
  /** Something arrived that could not be identified or verified. */
  deliveryFailed: 'BENCH_DELIVERY_FAILED',
} as const;

export type BenchErrorCode = (typeof BenchErrorCode)[keyof typeof BenchErrorCode];

export class BenchError extends CodedError<BenchErrorCode> {
  override readonly name = 'BenchError';
}
