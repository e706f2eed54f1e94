// The hub services (router + dispatcher) as a child process, so a drill or a test can SIGKILL it
// mid-stream and start it again, as an operator's supervisor would.
import { spawn, type ChildProcess } from 'node:child_process';
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

export function hubServicesProcess(configPath: string, hub: NatsConnection, options: { readyTimeoutMs?: number } = {}): HubServicesProcess {
  let child: ChildProcess | undefined;
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const ended = async (signal: NodeJS.Signals, graceMs: number) => {
    if (!child || !alive()) return;
    const current = child;
    const exit = new Promise((resolve) => current.once('exit', resolve));
    current.kill(signal);
    const timer = setTimeout(() => current.kill('SIGKILL'), graceMs);
    await exit;
    clearTimeout(timer);
  };
  return {
    get pid() {
      return child?.pid;
    },
    get running() {
      return alive();
    },
    async start() {
      if (alive()) return;
      const started = spawn(process.execPath, ['--import', 'tsx', entry, configPath], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      child = started;
      const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
      for (;;) {
        if (!alive()) throw new Error(`hub services exited during start-up (code ${started.exitCode}); see the log above`);
        try {
          const reply = await hub.request(`$SRV.PING.${HUB_SERVICE_NAME}.${started.pid}`, undefined, { timeout: 500 });
          if (reply.json<{ id?: string }>().id === String(started.pid)) return;
        } catch {
          // not answering yet
        }
        if (Date.now() > deadline) {
          await ended('SIGKILL', 0);
          throw new Error('hub services did not answer $SRV.PING in time');
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    kill: () => ended('SIGKILL', 0),
    stop: () => ended('SIGTERM', 10_000),
  };
}
