// Connection settings (a connection file, a node's `leaf`, the hub services' config) -> nats.js
// connect options: password or nkey login, and TLS trusting the deployment's CA. Read at start-up,
// once; the nkey seed goes to the authenticator and is never logged.
import { readFileSync } from 'node:fs';
import { nkeyAuthenticator, type ConnectionOptions } from '@nats-io/transport-node';
import { ConfigurationError } from '../core/mod.ts';
import type { NatsConnectionSettings } from '../nats-config/mod.ts';

export function natsConnectOptions(settings: NatsConnectionSettings): ConnectionOptions {
  const options: ConnectionOptions = { servers: [...settings.servers] };
  if (settings.nkeySeedFile !== undefined) options.authenticator = nkeyAuthenticator(readSeed(settings.nkeySeedFile));
  else if (settings.user !== undefined && settings.password !== undefined) {
    options.user = settings.user;
    options.pass = settings.password;
  }
  if (settings.tls !== undefined) {
    const { caFile, certFile, keyFile } = settings.tls;
    options.tls = { caFile, ...(certFile === undefined ? {} : { certFile }), ...(keyFile === undefined ? {} : { keyFile }) };
  }
  return options;
}

/** The seed file holds one line, "SU..." (as `tipnet config` writes it). */
function readSeed(path: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigurationError(`nkey seed file ${path}`, [(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read']);
  }
  if (!/^SU[A-Z2-7]{56}$/.test(text)) throw new ConfigurationError(`nkey seed file ${path}`, ['does not hold a user nkey seed ("SU" and 56 more characters)']);
  return new TextEncoder().encode(text);
}
