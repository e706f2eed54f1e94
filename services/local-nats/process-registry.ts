import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/*
 * Safety net for crashed tests and commands: every nats-server we spawn is listed here until it
 * exits, and every temporary data dir until it is removed. When this Node process exits, the
 * surviving servers are SIGKILLed and the dirs removed, synchronously, because the 'exit' event
 * allows nothing else. A normal run cleans up itself; this catches what an exception or a
 * forgotten stop() would otherwise leak.
 */

const liveChildren = new Set<ChildProcess>();
const temporaryDirs = new Set<string>();
let exitHookInstalled = false;

export function trackServerProcess(child: ChildProcess): void {
  installExitHook();
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

export function trackTemporaryDir(dir: string): void {
  installExitHook();
  temporaryDirs.add(dir);
}

export function forgetTemporaryDir(dir: string): void {
  temporaryDirs.delete(dir);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', cleanUpSurvivors);
}

function cleanUpSurvivors(): void {
  for (const child of liveChildren) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
  liveChildren.clear();
  temporaryDirs.clear();
}
