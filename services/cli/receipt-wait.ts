// After `tipnet send`, the hub's word on the message: the node has published it, and the hub
// answers with a DELIVERED receipt per recipient or one REJECTED with its reason code. The CLI
// asks the node (GET /api/messages/:id/status) until one of those has come or the wait is over,
// so a message the hub refuses is reported as refused instead of "sent".

/** The part of the node's status answer the wait reads. */
export interface SentStatus {
  readonly rejection?: { readonly reasonCode: string; readonly reason: string } | undefined;
  readonly recipients: readonly {
    readonly state: string;
    readonly stage: string;
    readonly rejected?: { readonly reasonCode: string; readonly reason: string } | undefined;
  }[];
}

export type HubVerdict =
  | { readonly kind: 'refused'; readonly by: string; readonly reasonCode: string; readonly reason: string }
  | { readonly kind: 'delivered'; readonly to: readonly string[] }
  | { readonly kind: 'no-answer' };

/** What a status says so far; undefined while nothing has come back. */
export function verdictOf(status: SentStatus | undefined): HubVerdict | undefined {
  if (!status) return undefined;
  if (status.rejection) return { kind: 'refused', by: 'HUB', reasonCode: status.rejection.reasonCode, reason: status.rejection.reason };
  const refused = status.recipients.find((recipient) => recipient.rejected);
  if (refused?.rejected) return { kind: 'refused', by: refused.state, reasonCode: refused.rejected.reasonCode, reason: refused.rejected.reason };
  const delivered = status.recipients.filter((recipient) => recipient.stage !== 'pending' && recipient.stage !== 'rejected').map((recipient) => recipient.state);
  return delivered.length > 0 ? { kind: 'delivered', to: delivered } : undefined;
}

export interface WaitOptions {
  readonly waitMs: number;
  readonly pollMs?: number;
  readonly fetchStatus: () => Promise<SentStatus | undefined>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Polls until the hub has answered or waitMs has passed. */
export async function waitForHubVerdict(options: WaitOptions): Promise<HubVerdict> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const until = now() + options.waitMs;
  for (;;) {
    const verdict = verdictOf(await options.fetchStatus());
    if (verdict) return verdict;
    const left = until - now();
    if (left <= 0) return { kind: 'no-answer' };
    await sleep(Math.min(options.pollMs ?? 250, left));
  }
}
