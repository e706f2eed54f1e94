// Drill time on the wall clock: the plan's sends, the faults' starts and ends run at their moment
// (drill time / speed after the start). The drill waits for what is still scheduled before it
// ends, and teardown cancels it all.

export interface DrillTimeline {
  readonly startedAtWallMs: number;
  /** The wall-clock time of a moment of drill time. */
  wallAt(drillMs: number): number;
  /** Runs `run` at a wall-clock time; a failure is reported, not thrown. */
  later(atWallMs: number, run: () => Promise<void>): void;
  /** Runs scheduled and not started yet. */
  readonly scheduled: number;
  /** Cancels everything still scheduled. */
  stop(): void;
}

export function startTimeline(speed: number, onError: (error: unknown) => void): DrillTimeline {
  const startedAtWallMs = Date.now();
  const timers = new Set<NodeJS.Timeout>();
  return {
    startedAtWallMs,
    wallAt: (drillMs) => startedAtWallMs + drillMs / speed,
    later(atWallMs, run) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run().catch(onError);
      }, Math.max(0, atWallMs - Date.now()));
      timers.add(timer);
    },
    get scheduled() {
      return timers.size;
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function sleepUntil(wallMs: number): Promise<void> {
  while (Date.now() < wallMs) await sleep(Math.min(250, wallMs - Date.now()));
}
