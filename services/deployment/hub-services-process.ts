// The hub services (router + dispatcher) as a child process, so a drill or a test can SIGKILL it
// mid-stream and start it again, as an operator's supervisor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NatsConnection } from '@nats-io/transport-node';
import { HUB_SERVICE_NAME } from '../router/mod.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('../router/main.ts', import.meta.url));

export interface HubServicesProcess {
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Starts the process and waits until it answers $SRV.PING on the hub. */
  start(): Promise<void>;
  /** SIGKILL: no goodbye, no cleanup; the durable consumers keep what was not acknowledged. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** What a supervisor (`tipnet up`) hears when the process died on its own and was started again. */
export interface HubServicesSupervision {
  onRestart(pid: number | undefined, why: string): void;
  onRestartFailed(error: unknown, attempt: number): void;
}

export interface HubServicesProcessOptions {
  readonly readyTimeoutMs?: number;
  /** Its standard output and error (the pino log) are appended here; by default output is dropped and errors inherited. */
  readonly logFile?: string | undefined;
  /** Restart it, with a growing pause, whenever it exits without being told to. */
  readonly supervise?: HubServicesSupervision | undefined;
  /** A command prefix, e.g. `ip netns exec <namespace>` to run it on a simulated host; it must exec (keep the pid). */
  readonly launcher?: readonly string[] | undefined;
}

/** Pauses between restarts of a crashed process: 1 s, doubling, at most 30 s. */
const RESTART_PAUSE_MS = { first: 1_000, max: 30_000 };

function outputOf(logFile: string | undefined): ['ignore', 'ignore' | number, 'inherit' | number] {
  if (logFile === undefined) return ['ignore', 'ignore', 'inherit'];
  mkdirSync(dirname(logFile), { recursive: true, mode: 0o700 });
  const fd = openSync(logFile, 'a', 0o600);
  return ['ignore', fd, fd];
}

/** Restarts after a crash, one loop at a time (a start that fails in the loop exits too), until started or told to stop. */
function crashRestarter(start: () => Promise<void>, stopped: () => boolean, pid: () => number | undefined, supervise: HubServicesSupervision | undefined): (why: string) => Promise<void> {
  let restarting = false;
  const loop = async (why: string) => {
    for (let attempt = 1, pause = RESTART_PAUSE_MS.first; !stopped(); attempt += 1, pause = Math.min(pause * 2, RESTART_PAUSE_MS.max)) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      if (stopped()) return;
      try {
        await start();
        supervise?.onRestart(pid(), why);
        return;
      } catch (error) {
        supervise?.onRestartFailed(error, attempt);
      }
    }
  };
  return async (why) => {
    if (restarting) return;
    restarting = true;
    try {
      await loop(why);
    } finally {
      restarting = false;
    }
  };
}

export function hubServicesProcess(configPath: string, hub: NatsConnection, options: HubServicesProcessOptions = {}): HubServicesProcess {
  let child: ChildProcess | undefined;
  // Set by stop() and kill(): an exit that was asked for is not a crash, and no restart follows.
  let intended = false;
  // Children this handle ended itself (also one that failed to come up in time).
  const endedByUs = new WeakSet<ChildProcess>();
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const superviseExit = (started: ChildProcess) => {
    started.once('exit', (code, signal) => {
      if (intended || endedByUs.has(started) || child !== started || !options.supervise) return;
      void restartAfterCrash(`exit code ${code ?? '-'}, signal ${signal ?? '-'}`);
    });
  };
  const restartAfterCrash = crashRestarter(() => handle.start(), () => intended, () => child?.pid, options.supervise);
  const ended = async (signal: NodeJS.Signals, graceMs: number, asked = true) => {
    if (asked) intended = true;
    if (!child || !alive()) return;
    const current = child;
    endedByUs.add(current);
    const exit = new Promise((resolve) => current.once('exit', resolve));
    current.kill(signal);
    const timer = setTimeout(() => current.kill('SIGKILL'), graceMs);
    await exit;
    clearTimeout(timer);
  };
  const handle: HubServicesProcess = {
    get pid() {
      return child?.pid;
    },
    get running() {
      return alive();
    },
    async start() {
      if (alive()) return;
      intended = false;
      const stdio = outputOf(options.logFile);
      const argv = [...(options.launcher ?? []), process.execPath, '--import', 'tsx', entry, configPath];
      const started = spawn(argv[0] as string, argv.slice(1), { cwd: root, stdio });
      // The child holds its own copy of the log file descriptor.
      if (typeof stdio[1] === 'number') closeSync(stdio[1]);
      child = started;
      superviseExit(started);
      const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
      for (;;) {
        if (!alive()) throw new Error(`hub services exited during start-up (code ${started.exitCode}); see ${options.logFile ?? 'the log above'}`);
        try {
          const reply = await hub.request(`$SRV.PING.${HUB_SERVICE_NAME}.${started.pid}`, undefined, { timeout: 500 });
          if (reply.json<{ id?: string }>().id === String(started.pid)) return;
        } catch {
          // not answering yet
        }
        if (Date.now() > deadline) {
          await ended('SIGKILL', 0, false);
          throw new Error('hub services did not answer $SRV.PING in time');
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    kill: () => ended('SIGKILL', 0),
    stop: () => ended('SIGTERM', 10_000),
  };
  return handle;
}
