import { LIMITS } from '../core/mod.ts';
import { hostPort, type JetStreamConfig, type NatsServerConfig } from './server-config.ts';
import { hostOf, logFileOf, storeDirOf, type ServerLayout } from './server-layout.ts';

export interface BaseConfigOptions {
  /** Enable JetStream, optionally in a named domain. */
  readonly jetstream?: boolean | { readonly domain?: string | undefined } | undefined;
  /** max_payload in bytes (default LIMITS.maxServerPayloadBytes). */
  readonly maxPayloadBytes?: number | undefined;
  readonly debug?: boolean | undefined;
  readonly trace?: boolean | undefined;
}

/**
 * The part every server shares: name, a client listener on the server's host (loopback unless the
 * topology names another), a monitoring listener on loopback only (it is plain HTTP),
 * a log file, the JetStream store inside the server's own data dir, and a max_payload above the
 * hub's envelope limit, so oversized input reaches the router to be refused with a reason.
 */
export function baseServerConfig(layout: ServerLayout, options: BaseConfigOptions = {}): NatsServerConfig {
  return {
    server_name: layout.name,
    listen: hostPort(layout.ports.client, hostOf(layout)),
    http: hostPort(layout.ports.monitoring),
    logfile: logFileOf(layout),
    jetstream: jetStreamConfig(layout, options.jetstream),
    max_payload: options.maxPayloadBytes ?? LIMITS.maxServerPayloadBytes,
    debug: options.debug,
    trace: options.trace,
  };
}

function jetStreamConfig(layout: ServerLayout, jetstream: BaseConfigOptions['jetstream']): JetStreamConfig | undefined {
  if (!jetstream) return undefined;
  const domain = typeof jetstream === 'object' ? jetstream.domain : undefined;
  return { store_dir: storeDirOf(layout), domain };
}
