// `tipnet certs`: a regional CA and one certificate per server of a topology, for local and test
// use, made with the openssl CLI (Node's crypto cannot sign certificates). Each server certificate
// serves and authenticates (serverAuth + clientAuth: leaf remotes and cluster routes present it),
// names its host in the subjectAltName, and is issued to "/O=tipnet/CN=<server>", the subject the
// hub maps a leaf by. Private keys are written 0600 into 0700 folders (under .tipnet/, git-ignored);
// the CA key never goes into a bundle. A ministry substitutes its own PKI by laying out its files
// the same way (infra/README.md).
import { execFile } from 'node:child_process';
import { access, chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigurationError } from '../core/mod.ts';
import { CERTIFICATE_ORGANISATION } from '../nats-config/mod.ts';
import { hubNodeName, leafServerName } from './topology-layouts.ts';
import { DEFAULT_HOST, type Topology } from './topology-schema.ts';

const run = promisify(execFile);

export interface CertificateSubjectHost {
  /** The server's name: hub-1, leaf-IDN, ... (its folder and its certificate's CN). */
  readonly name: string;
  readonly host: string;
}

export interface MadeCertificates {
  readonly dir: string;
  readonly ca: string;
  /** Whether the CA was made now (false: an existing one signed the new certificates). */
  readonly newCa: boolean;
  readonly issued: readonly string[];
  readonly kept: readonly string[];
}

export interface MakeCertificatesOptions {
  readonly days?: number | undefined;
  /** Issue again even where a certificate exists (the CA is kept). */
  readonly force?: boolean | undefined;
  /** Common name of the CA (default "tipnet regional CA"). */
  readonly caName?: string | undefined;
}

/** Every server of the topology with its host. */
export function certificateSubjectsOf(topology: Topology): CertificateSubjectHost[] {
  return [
    ...Array.from({ length: topology.hub.nodes }, (_, index) => ({ name: hubNodeName(index), host: topology.hub.hosts?.[index] ?? DEFAULT_HOST })),
    ...topology.states.map((state) => ({ name: leafServerName(state.code), host: state.host ?? DEFAULT_HOST })),
  ];
}

/** The subjectAltName of a host: its IP or DNS name, and loopback names for a local host. */
export function subjectAltNameOf(host: string): string {
  const own = isIP(host) !== 0 ? `IP:${host}` : `DNS:${host}`;
  return host === DEFAULT_HOST || host === 'localhost' ? [...new Set([own, 'IP:127.0.0.1', 'DNS:localhost'])].join(',') : own;
}

export async function makeCertificates(dir: string, servers: readonly CertificateSubjectHost[], options: MakeCertificatesOptions = {}): Promise<MadeCertificates> {
  await requireOpenssl();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const days = String(options.days ?? 825);
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca-key.pem');
  const newCa = !(await exists(ca) && (await exists(caKey)));
  if (newCa) {
    await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', caKey, '-out', ca, '-days', days,
      '-subj', `/O=${CERTIFICATE_ORGANISATION}/CN=${options.caName ?? 'tipnet regional CA'}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    await chmod(caKey, 0o600);
  }
  const issued: string[] = [];
  const kept: string[] = [];
  for (const server of servers) {
    const folder = join(dir, server.name);
    if (!options.force && (await exists(join(folder, 'cert.pem')))) {
      kept.push(server.name);
      continue;
    }
    await issueServerCertificate(folder, server, { ca, caKey, days });
    issued.push(server.name);
  }
  return { dir, ca, newCa, issued, kept };
}

async function issueServerCertificate(folder: string, server: CertificateSubjectHost, signer: { ca: string; caKey: string; days: string }): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const key = join(folder, 'key.pem');
  const request = join(folder, 'request.csr');
  const extensions = join(folder, 'extensions.cnf');
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', request,
    '-subj', `/O=${CERTIFICATE_ORGANISATION}/CN=${server.name}`]);
  await chmod(key, 0o600);
  await writeFile(extensions, [
    `subjectAltName=${subjectAltNameOf(server.host)}`,
    'extendedKeyUsage=serverAuth,clientAuth',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'basicConstraints=critical,CA:FALSE',
  ].join('\n') + '\n');
  await openssl(['x509', '-req', '-in', request, '-CA', signer.ca, '-CAkey', signer.caKey, '-CAcreateserial', '-days', signer.days, '-sha256',
    '-extfile', extensions, '-out', join(folder, 'cert.pem')]);
  await rm(request, { force: true });
  await rm(extensions, { force: true });
}

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new ConfigurationError('openssl', [`openssl ${args[0]} failed: ${stderr.trim().split('\n').slice(-2).join(' ') || String(error)}`]);
  }
}

async function requireOpenssl(): Promise<void> {
  try {
    await run('openssl', ['version'], { timeout: 10_000 });
  } catch {
    throw new ConfigurationError('tipnet certs', ['the openssl command is not installed (Debian: apt-get install openssl)']);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
