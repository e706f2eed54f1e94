// Runs tasks in order per key and different keys side by side, with at most a given number
// accepted and unfinished at once. The router keeps one sender's submissions in order (a
// retraction after its alert) while senders overlap; the drill keeps each state's national
// systems submitting in order. A task that throws is reported and the lane goes on with the next.

export interface KeyedOrderSchedulerOptions {
  /** Tasks accepted and not yet finished, across keys (queued behind their key or running). */
  readonly maxInFlight?: number;
  /** Told about a task that threw; its lane and the others carry on. Must not throw. */
  readonly onError: (error: unknown, key: string) => void;
}

export interface KeyedOrderScheduler {
  /**
   * Queues the task behind its key's earlier tasks, once fewer than maxInFlight are in flight.
   * Resolves when the task is accepted, not when it has run: a loop that awaits it is held back.
   */
  add(key: string, task: () => Promise<void>): Promise<void>;
  /** Tasks accepted and not yet finished. */
  readonly inFlight: number;
  /** Resolves once every accepted task has finished. */
  idle(): Promise<void>;
}

export function createKeyedOrderScheduler(options: KeyedOrderSchedulerOptions): KeyedOrderScheduler {
  const maxInFlight = options.maxInFlight ?? Infinity;
  const lanes = new Map<string, Array<() => Promise<void>>>();
  const slotWaiters: Array<() => void> = [];
  const idleWaiters: Array<() => void> = [];
  let inFlight = 0;

  const finished = () => {
    inFlight -= 1;
    slotWaiters.shift()?.();
    if (inFlight === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };
  const runLane = async (key: string, queue: Array<() => Promise<void>>) => {
    for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
      try {
        await task();
      } catch (error) {
        options.onError(error, key);
      }
      finished();
    }
    lanes.delete(key);
  };

  return {
    async add(key, task) {
      while (inFlight >= maxInFlight) await new Promise<void>((resolve) => slotWaiters.push(resolve));
      inFlight += 1;
      const queue = lanes.get(key);
      if (queue) {
        queue.push(task);
        return;
      }
      const fresh = [task];
      lanes.set(key, fresh);
      void runLane(key, fresh);
    },
    get inFlight() {
      return inFlight;
    },
    idle() {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
