// Undo steps run in reverse order of set-up, each one even when an earlier one failed, and at
// most once, whether the run ends normally, by an error or by a signal.
export class CleanupStack {
  private readonly steps: Array<{ what: string; undo: () => Promise<unknown> }> = [];
  private running: Promise<string[]> | undefined;

  defer(what: string, undo: () => Promise<unknown>): void {
    this.steps.push({ what, undo });
  }

  /** Returns the steps that failed, described, so the caller can report them. */
  run(): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      for (const step of this.steps.splice(0).reverse()) {
        try {
          await step.undo();
        } catch (error) {
          failures.push(`${step.what}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return failures;
    })();
    return this.running;
  }
}
