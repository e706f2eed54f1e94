// Sign-in sessions of officers, held in the node's memory: a node restart signs everyone out,
// which is the safe failure. The cookie carries 32 random bytes; the table keys sessions by their
// SHA-256 digest, so a memory dump does not hand out live cookies. A session ends at its absolute
// lifetime or after an idle period, whichever comes first.
import { createHash, randomBytes } from 'node:crypto';
import { ACCESS_LIMITS } from '../core/mod.ts';
import type { OfficerRole } from './roles.ts';

export interface SessionIdentity {
  readonly officerRef: string;
  /** For OIDC sign-ins the role comes from the identity provider and is kept for the session. */
  readonly role: OfficerRole;
  readonly unit: string;
  readonly via: 'local' | 'oidc';
}

export interface Session extends SessionIdentity {
  readonly createdAtUnixMs: number;
  readonly expiresAtUnixMs: number;
  lastSeenAtUnixMs: number;
}

export interface SessionTableOptions {
  readonly lifetimeMs?: number;
  readonly idleMs?: number;
  readonly now?: () => number;
}

export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  private readonly lifetimeMs: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: SessionTableOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? ACCESS_LIMITS.sessionLifetimeMs;
    this.idleMs = options.idleMs ?? ACCESS_LIMITS.sessionIdleMs;
    this.now = options.now ?? Date.now;
  }

  /** Returns the cookie value, to be sent once in Set-Cookie. */
  start(identity: SessionIdentity): { cookieValue: string; session: Session } {
    this.sweep();
    const cookieValue = randomBytes(32).toString('base64url');
    const now = this.now();
    const session: Session = { ...identity, createdAtUnixMs: now, expiresAtUnixMs: now + this.lifetimeMs, lastSeenAtUnixMs: now };
    this.sessions.set(digest(cookieValue), session);
    return { cookieValue, session };
  }

  /** The live session for a cookie, its idle clock restarted; undefined when unknown or expired. */
  touch(cookieValue: string): Session | undefined {
    const key = digest(cookieValue);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const now = this.now();
    if (now >= session.expiresAtUnixMs || now - session.lastSeenAtUnixMs >= this.idleMs) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAtUnixMs = now;
    return session;
  }

  end(cookieValue: string): void {
    this.sessions.delete(digest(cookieValue));
  }

  /** Signs an officer out everywhere (account disabled or role changed). */
  endAllOf(officerRef: string): void {
    for (const [key, session] of this.sessions) if (session.officerRef === officerRef) this.sessions.delete(key);
  }

  /** Seconds a new session's cookie lives, for Max-Age. */
  get cookieMaxAgeSeconds(): number {
    return Math.floor(this.lifetimeMs / 1000);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, session] of this.sessions) {
      if (now >= session.expiresAtUnixMs || now - session.lastSeenAtUnixMs >= this.idleMs) this.sessions.delete(key);
    }
  }
}

function digest(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}
