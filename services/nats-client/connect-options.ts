// Connection settings (a connection file, a node's `leaf`, the hub services' config) -> nats.js
// connect options: password or nkey login, and TLS trusting the deployment's CA. Read at start-up,
// once; the nkey seed goes to the authenticator and is never logged.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
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
    const files = { caFile, ...(certFile === undefined ? {} : { certFile }), ...(keyFile === undefined ? {} : { keyFile }) };
    // nats.js hands every property of `tls` to Node's tls.connect, though its type names only the files.
    options.tls = Object.assign(files, { checkServerIdentity: serverIdentityCheck(settings.servers) });
  }
  return options;
}

/**
 * nats.js upgrades its socket to TLS without passing the host, and SNI carries no IP address, so a
 * server named by IP (a host in the topology may be) is checked as "localhost" and refused. A
 * certificate that fails that check is accepted only if it names one of the IP addresses of this
 * connection's own servers (still signed by the trusted CA: the chain is checked before this).
 */
export function serverIdentityCheck(servers: readonly string[]): (host: string, cert: PeerCertificate) => Error | undefined {
  const addresses = servers.map(hostOf).filter((host) => isIP(host) !== 0);
  return (host, cert) => {
    const refusal = checkServerIdentity(host, cert);
    if (refusal === undefined) return undefined;
    return addresses.some((address) => checkServerIdentity(address, cert) === undefined) ? undefined : refusal;
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url.includes('://') ? url : `nats://${url}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
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
