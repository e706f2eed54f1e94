// Runs tasks in order per key and unrelated tasks side by side, with at most a given number
// accepted and unfinished at once. A task may name several keys: it starts once every earlier task
// sharing any of them has finished. The router keys a submission by its own message id and by
// each message it refers to (a retraction after its message, a reply after what it answers),
// so only what must stay ordered waits; the drill keeps each state's national systems submitting
// in order with one key per state. A task that throws is reported and the others go on.

export interface KeyedOrderSchedulerOptions {
  /** Tasks accepted and not yet finished, across keys (waiting for their keys or running). */
  readonly maxInFlight?: number;
  /** Told about a task that threw (with its first key); the others carry on. Must not throw. */
  readonly onError: (error: unknown, key: string) => void;
}

export interface KeyedOrderScheduler {
  /**
   * Queues the task behind the earlier tasks of its key (or of any of its keys), once fewer than
   * maxInFlight are in flight. Resolves when the task is accepted, not when it has run: a loop
   * that awaits it is held back.
   */
  add(keys: string | readonly string[], task: () => Promise<void>): Promise<void>;
  /** Tasks accepted and not yet finished. */
  readonly inFlight: number;
  /** Resolves once every accepted task has finished. */
  idle(): Promise<void>;
}

export function createKeyedOrderScheduler(options: KeyedOrderSchedulerOptions): KeyedOrderScheduler {
  const maxInFlight = options.maxInFlight ?? Infinity;
  // The last accepted task of each key; a later task of that key waits for it. It never rejects.
  const tails = new Map<string, Promise<void>>();
  const slotWaiters: Array<() => void> = [];
  const idleWaiters: Array<() => void> = [];
  let inFlight = 0;

  const finished = (keys: readonly string[], done: Promise<void>) => {
    for (const key of keys) if (tails.get(key) === done) tails.delete(key);
    inFlight -= 1;
    slotWaiters.shift()?.();
    if (inFlight === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };

  return {
    async add(keys, task) {
      while (inFlight >= maxInFlight) await new Promise<void>((resolve) => slotWaiters.push(resolve));
      inFlight += 1;
      const own = typeof keys === 'string' ? [keys] : [...new Set(keys)];
      const earlier = own.flatMap((key) => {
        const tail = tails.get(key);
        return tail ? [tail] : [];
      });
      const done = (async () => {
        if (earlier.length > 0) await Promise.all(earlier);
        try {
          await task();
        } catch (error) {
          options.onError(error, own[0] ?? '');
        }
      })();
      for (const key of own) tails.set(key, done);
      void done.then(() => finished(own, done));
    },
    get inFlight() {
      return inFlight;
    },
    idle() {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
