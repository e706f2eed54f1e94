// The node's periodic deadline check: every tick (real time) it escalates our overdue assistance
// requests (escalation.ts). A check that fails is logged with how many checks in a row have failed
// and tried again at the next tick: the escalation keys make a repeated check harmless.
import { escalateOverdue, resendMissingReminders, type EscalationContext } from './escalation.ts';

export interface DeadlineTicker {
  /** Escalates overdue requests now; a call joins a check already running. Resolves to how many that check escalated. */
  check(): Promise<number>;
  /** No further ticks; resolves once a check in progress has finished. */
  stop(): Promise<void>;
}

/** Sends reminders a crash left unsent, then starts ticking every `tickMs`. */
export async function startDeadlineTicker(context: EscalationContext, tickMs: number): Promise<DeadlineTicker> {
  let checking: Promise<number> | undefined;
  let failuresInARow = 0;
  const check = (): Promise<number> => {
    checking ??= escalateOverdue(context).finally(() => (checking = undefined));
    return checking;
  };
  await resendMissingReminders(context);
  const timer = setInterval(() => {
    check().then(
      () => (failuresInARow = 0),
      (error: unknown) => {
        failuresInARow += 1;
        context.logger.error({ err: error, attempt: failuresInARow, retryInMs: tickMs }, 'deadline check failed; tried again at the next tick');
      },
    );
  }, tickMs);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await checking?.catch(() => undefined);
    },
  };
}
