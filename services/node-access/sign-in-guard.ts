// Slows password guessing: after ACCESS_LIMITS.signInAttempts failures for one officer reference
// from one address within the window, further attempts are refused until the window passes,
// without checking the password (so a guess in that time tells nothing).
import { ACCESS_LIMITS } from '../core/mod.ts';

export class SignInGuard {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly attempts: number = ACCESS_LIMITS.signInAttempts,
    private readonly windowMs: number = ACCESS_LIMITS.signInWindowMs,
  ) {}

  /** Milliseconds until another attempt is allowed; 0 when it is allowed now. */
  waitMs(officerRef: string, address: string): number {
    const recent = this.recent(`${officerRef}\n${address}`);
    if (recent.length < this.attempts) return 0;
    return Math.max(0, (recent[0] ?? 0) + this.windowMs - this.now());
  }

  failed(officerRef: string, address: string): void {
    const key = `${officerRef}\n${address}`;
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeeded(officerRef: string, address: string): void {
    this.failures.delete(`${officerRef}\n${address}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}
