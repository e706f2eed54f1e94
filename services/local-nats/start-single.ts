import { baseServerConfig } from '../nats-config/mod.ts';
import { startNatsContainer } from './container-runtime.ts';
import { startServerProcess } from './nats-server-process.ts';
import { chooseNatsRuntime, type NatsRuntime } from './runtime-choice.ts';
import type { NatsServerHandle } from './server-handle.ts';
import { allocateServerLayout } from './server-layout.ts';

export interface StartServerOptions {
  /** server_name (default 'tipnet'). */
  readonly name?: string;
  /** Default true. */
  readonly jetstream?: boolean;
  /** JetStream domain; binary runtime only. */
  readonly domain?: string;
  /** Default: TIPNET_NATS_RUNTIME, else the binary if installed, else a container. */
  readonly runtime?: NatsRuntime;
  /** Keep the data dir after stop() (binary runtime). */
  readonly keepData?: boolean;
  readonly readyTimeoutMs?: number;
  readonly debug?: boolean;
  readonly trace?: boolean;
}

/** One nats-server on free loopback ports, with JetStream unless turned off. */
export async function startNatsServer(options: StartServerOptions = {}): Promise<NatsServerHandle> {
  const name = options.name ?? 'tipnet';
  const jetstream = options.jetstream ?? true;
  if ((await chooseNatsRuntime(options.runtime)) === 'container') {
    return startNatsContainer({ name, jetstream });
  }
  const layout = await allocateServerLayout(name, { keepData: options.keepData });
  const config = baseServerConfig(layout, {
    jetstream: jetstream && { domain: options.domain },
    debug: options.debug,
    trace: options.trace,
  });
  return startServerProcess({ layout, config, readyTimeoutMs: options.readyTimeoutMs });
}
