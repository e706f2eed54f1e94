/**
 * Polls `check` until it returns true or `timeoutMs` passes. Returns whether it succeeded, so the
 * caller builds an error that says what it was waiting for. A check that throws ends the wait
 * with that error: that is how a waiter gives up early, e.g. when the server process died.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  { timeoutMs, intervalMs = 100 }: { timeoutMs: number; intervalMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
