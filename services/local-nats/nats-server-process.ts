import { LocalNatsError, LocalNatsErrorCode, clientUrlOf, configFileOf, logFileOf, type ServerLayout, renderServerConfig, type NatsServerConfig } from '../nats-config/mod.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isHealthy } from './monitoring.ts';
import { requireNatsServerBinary } from './nats-server-binary.ts';
import { forgetTemporaryDir, trackServerProcess } from './process-registry.ts';
import type { NatsConnectOptions, NatsServerHandle } from './server-handle.ts';
import { waitUntil } from './wait-until.ts';

export interface StartServerProcessOptions {
  readonly layout: ServerLayout;
  readonly config: NatsServerConfig;
  /** How long to wait for /healthz to answer 200 (default 20 s). */
  readonly readyTimeoutMs?: number | undefined;
  /** Defaults to requireNatsServerBinary(). */
  readonly binary?: string | undefined;
}

const defaultReadyTimeoutMs = 20_000;
const gracefulStopMs = 5_000;
const stderrTailBytes = 4_096;
const logTailLines = 30;

/**
 * Writes the config into the layout's data dir and starts nats-server on it, resolving once the
 * server reports healthy. If it never does, the process is killed, its data dir removed (unless
 * kept) and the error carries the tail of the server's log.
 */
export async function startServerProcess(options: StartServerProcessOptions): Promise<NatsServerHandle> {
  const binary = options.binary ?? requireNatsServerBinary();
  // 0600: the config holds account passwords.
  await writeFile(configFileOf(options.layout), renderServerConfig(options.config), { mode: 0o600 });
  const server = new ServerProcess(binary, options.layout, options.readyTimeoutMs ?? defaultReadyTimeoutMs);
  try {
    await server.start();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

class ServerProcess implements NatsServerHandle {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly httpPort: number;
  readonly dataDir: string;
  readonly connectOptions: NatsConnectOptions;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stderrTail = '';
  private dataRemoved = false;

  constructor(
    private readonly binary: string,
    private readonly layout: ServerLayout,
    private readonly readyTimeoutMs: number,
  ) {
    this.name = layout.name;
    this.url = clientUrlOf(layout);
    this.port = layout.ports.client;
    this.httpPort = layout.ports.monitoring;
    this.dataDir = layout.dataDir;
    this.connectOptions = { servers: [this.url] };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get isRunning(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.stderrTail = '';
    // detached: false keeps the server in our process group, so a terminal's Ctrl-C reaches it too.
    const child = spawn(this.binary, ['-c', configFileOf(this.layout)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: false,
    });
    this.child = child;
    let spawnError: Error | undefined;
    this.exited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (error) => {
        spawnError = error;
        resolve();
      });
    });
    // Errors before the log file opens (a bad config, a taken port) only reach stderr.
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-stderrTailBytes);
    });
    trackServerProcess(child);

    const ready = await waitUntil(
      async () => {
        if (!this.isRunning) throw await this.startFailure(LocalNatsErrorCode.exitedEarly, 'exited while starting', spawnError);
        return isHealthy(this.httpPort);
      },
      { timeoutMs: this.readyTimeoutMs },
    );
    if (!ready) {
      throw await this.startFailure(LocalNatsErrorCode.notReady, `was not healthy within ${this.readyTimeoutMs} ms`);
    }
  }

  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.terminate();
    if (options.keepData ?? this.layout.keepData) return;
    if (this.dataRemoved) return;
    this.dataRemoved = true;
    await rm(this.dataDir, { recursive: true, force: true });
    forgetTemporaryDir(this.dataDir);
  }

  async kill(): Promise<void> {
    if (!this.isRunning) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async restart(): Promise<void> {
    if (this.dataRemoved) {
      throw new LocalNatsError(
        LocalNatsErrorCode.unsupported,
        `nats-server ${this.name} was stopped and its data removed; use stop({ keepData: true }) to restart it later`,
      );
    }
    await this.terminate();
    try {
      await this.start();
    } catch (error) {
      await this.kill();
      throw error;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private async terminate(): Promise<void> {
    if (!this.isRunning) return;
    this.child?.kill('SIGTERM');
    const timer = new AbortController();
    const stoppedInTime = await Promise.race([
      this.exited.then(() => true),
      sleep(gracefulStopMs, false, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    if (!stoppedInTime) {
      this.child?.kill('SIGKILL');
      await this.exited;
    }
  }

  private async startFailure(code: LocalNatsErrorCode, what: string, cause?: unknown): Promise<LocalNatsError> {
    const log = await readFile(logFileOf(this.layout), 'utf8').catch(() => '');
    const logTail = log.trimEnd().split('\n').slice(-logTailLines).join('\n');
    const details = [this.stderrTail.trim() && `stderr:\n${this.stderrTail.trim()}`, logTail && `log tail:\n${logTail}`]
      .filter(Boolean)
      .join('\n');
    return new LocalNatsError(
      code,
      `nats-server ${this.name} (client port ${this.port}, monitoring port ${this.httpPort}) ${what}` +
        (details ? `\n${details}` : ''),
      { cause },
    );
  }
}
