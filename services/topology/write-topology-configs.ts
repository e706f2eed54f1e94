// What `tipnet config` does: plan layouts, generate the secrets of the topology's auth mode
// (passwords, or nkeys whose public keys alone reach the servers), and write one bundle per host
// (host-bundles.ts). Secrets are written 0600 into 0700 folders.
import { access, copyFile, chmod, mkdir, writeFile } from 'node:fs/promises';
import { ConfigurationError } from '../core/mod.ts';
import { dirname, join, resolve } from 'node:path';
import type { ServerPorts } from '../nats-config/mod.ts';
import { generateCredentials, generateNkeys } from './credentials.ts';
import { renderHostBundles } from './host-bundles.ts';
import { planTopologyLayouts } from './topology-layouts.ts';
import type { Topology } from './topology-schema.ts';

export interface WriteTopologyOptions {
  /** Where the bundles will sit on their hosts (default: where they are written, for a local run). */
  readonly installDir?: string | undefined;
  /** The certificates folder (default: the topology's `tls.dir`). */
  readonly certsDir?: string | undefined;
  readonly tipnetCommand?: string | undefined;
  /**
   * Only these servers' bundles (default: all). Lets each party render its own bundle on its own
   * machine, so a state's TLS key and nkey seed are made and kept where they are used.
   */
  readonly only?: readonly string[] | undefined;
}

export interface WrittenBundle {
  readonly name: string;
  readonly host: string;
  readonly dir: string;
  readonly configFile: string;
  readonly dataDir: string;
  readonly ports: ServerPorts;
  readonly files: readonly string[];
}

export interface WrittenTopology {
  readonly servers: readonly WrittenBundle[];
  readonly connectionFiles: readonly string[];
}

/** Writes `<outDir>/<server>/` per server: nats-server.conf, its secrets and TLS files, process configs, systemd units. */
export async function writeTopologyConfigs(topology: Topology, outDir: string, options: WriteTopologyOptions = {}): Promise<WrittenTopology> {
  const root = resolve(outDir);
  const installRoot = resolve(options.installDir ?? root);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const layouts = await planTopologyLayouts(topology, installRoot, (name) => join(installRoot, name, 'data'));
  const secrets = topology.auth.mode === 'nkey' ? { nkeys: generateNkeys(topology) } : { credentials: generateCredentials(topology) };
  const allBundles = renderHostBundles({
    topology, layouts, ...secrets,
    installRootOf: (name) => join(installRoot, name),
    certsDir: options.certsDir === undefined ? undefined : resolve(options.certsDir),
    tipnetCommand: options.tipnetCommand,
  });
  const bundles = selectBundles(allBundles, options.only);
  await requireCertificateFiles(bundles.flatMap((bundle) => bundle.files.flatMap((file) => (file.copyFrom === undefined ? [] : [file.copyFrom]))));
  const servers: WrittenBundle[] = [];
  const connectionFiles: string[] = [];
  const layoutOf = (name: string) => [...layouts.hub, ...Object.values(layouts.leaves)].find((layout) => layout?.name === name);
  for (const bundle of bundles) {
    const dir = join(root, bundle.name);
    const written: string[] = [];
    for (const file of bundle.files) {
      const path = join(dir, file.path);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      if (file.copyFrom !== undefined) await copyFile(file.copyFrom, path);
      else await writeFile(path, file.text ?? '', { mode: file.secret ? 0o600 : 0o644 });
      // writeFile's mode applies to new files only, and a copy keeps the source's mode.
      await chmod(path, file.secret ? 0o600 : 0o644);
      written.push(path);
      if (file.path.startsWith('connections/')) connectionFiles.push(path);
    }
    const layout = layoutOf(bundle.name);
    if (layout === undefined) continue;
    await mkdir(join(dir, 'data'), { recursive: true, mode: 0o700 });
    servers.push({ name: bundle.name, host: bundle.host, dir, configFile: join(dir, 'nats-server.conf'), dataDir: layout.dataDir, ports: layout.ports, files: written });
  }
  return { servers, connectionFiles };
}

function selectBundles<Bundle extends { readonly name: string }>(bundles: readonly Bundle[], only: readonly string[] | undefined): readonly Bundle[] {
  if (only === undefined) return bundles;
  const names = new Set(bundles.map((bundle) => bundle.name));
  const unknown = only.filter((name) => !names.has(name));
  if (unknown.length > 0) throw new ConfigurationError('--only', unknown.map((name) => `no server "${name}" in the topology (its servers: ${[...names].join(', ')})`));
  return bundles.filter((bundle) => only.includes(bundle.name));
}

/** Every missing certificate or key is named before anything is written. */
async function requireCertificateFiles(paths: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const path of new Set(paths)) {
    try {
      await access(path);
    } catch {
      missing.push(`${path} is missing`);
    }
  }
  if (missing.length > 0) {
    throw new ConfigurationError('tls certificates', [...missing, 'make them with `tipnet certs --topology <file>` or place your PKI\'s files in that layout (infra/README.md)']);
  }
}
