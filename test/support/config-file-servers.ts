// nats-server processes started from generated config files as an operator would start them
// (`nats-server -c <bundle>/nats-server.conf`), for tests of `tipnet config` output. TLS turns the
// monitoring port off, so readiness is read from the server's own log. stopAll() ends every
// process this set started (SIGTERM, then SIGKILL), and is safe to call more than once.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireNatsServerBinary } from '../../services/local-nats/mod.ts';

export interface ConfigFileServer {
  readonly name: string;
  readonly logFile: string;
  readonly child: ChildProcess;
}

export class ConfigFileServers {
  private readonly started: ConfigFileServer[] = [];

  /** `launcher` prefixes the command, e.g. `ip netns exec <namespace>` to run it on a simulated host. */
  async start(name: string, configFile: string, logFile: string, readyTimeoutMs = 20_000, launcher: readonly string[] = []): Promise<ConfigFileServer> {
    const argv = [...launcher, requireNatsServerBinary(), '-c', configFile];
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2_000);
    });
    const server = { name, logFile, child };
    this.started.push(server);
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await logText(logFile)).includes('Server is ready')) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}${await logText(logFile)}`);
      if (Date.now() > deadline) throw new Error(`${name} did not log "Server is ready" in ${readyTimeoutMs} ms:\n${(await logText(logFile)).slice(-2_000)}`);
      await sleep(100);
    }
    return server;
  }

  /** Any other process of a host (a node, the hub services), its output appended to logFile; stopped by stopAll(). */
  spawnProcess(name: string, argv: readonly string[], logFile: string, options: { cwd?: string } = {}): ConfigFileServer {
    const fd = openSync(logFile, 'a', 0o600);
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', fd, fd], cwd: options.cwd });
    closeSync(fd);
    const server = { name, logFile, child };
    this.started.push(server);
    return server;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((server) => stopProcess(server.child)));
  }
}

export async function logText(logFile: string): Promise<string> {
  try {
    return await readFile(logFile, 'utf8');
  } catch {
    return '';
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
