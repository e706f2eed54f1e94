// Simulated hosts on one Linux machine: a network namespace per host, joined by veth pairs to a
// bridge, so servers listen on their own addresses and every byte between hosts crosses a real
// (virtual) link that can be cut. Needs root and iproute2's `ip`. destroy() removes everything the
// lab made and kills whatever still runs inside its namespaces; a lab left by a killed run is
// removed by the next one (its owner pid is in every name).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freeSubnet, LAB_PREFIX, ownerPidOf, planLab, runIdOf, type LabHost, type LabPlan } from './lab-plan.ts';

const run = promisify(execFile);

export class NetworkLabError extends Error {
  override readonly name = 'NetworkLabError';
}

async function ip(...args: string[]): Promise<string> {
  try {
    return (await run('ip', args, { encoding: 'utf8' })).stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const why = failure.code === 'ENOENT' ? 'the `ip` command (iproute2) is not installed' : (failure.stderr ?? failure.message).trim();
    throw new NetworkLabError(`ip ${args.join(' ')}: ${why}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function namespaces(): Promise<string[]> {
  return (await ip('netns', 'list')).split('\n').map((line) => line.split(' ')[0] ?? '').filter(Boolean);
}

/** Kills every process inside a namespace, then deletes it (its veth pair goes with it). */
async function removeNamespace(name: string): Promise<void> {
  const pids = (await ip('netns', 'pids', name).catch(() => '')).split('\n').map(Number).filter((pid) => pid > 0);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await ip('netns', 'delete', name).catch(() => undefined);
}

/** Removes the namespaces and links of labs whose owning process is gone. */
export async function removeStaleLabs(): Promise<string[]> {
  const stale = (await namespaces()).filter((name) => {
    const owner = ownerPidOf(name);
    return owner !== undefined && !alive(owner);
  });
  for (const name of stale) await removeNamespace(name);
  const links = (await ip('-o', 'link', 'show')).split('\n').map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1] ?? '');
  for (const link of links.filter((name) => name.startsWith(LAB_PREFIX))) {
    const owner = ownerPidOf(link);
    if (owner !== undefined && !alive(owner)) await ip('link', 'delete', link).catch(() => undefined);
  }
  return stale;
}

export class NetworkLab {
  private destroyed = false;

  private constructor(readonly plan: LabPlan) {}

  /** Creates the bridge and one namespace per host; on any failure, removes what it made and throws. */
  static async create(hostNames: readonly string[]): Promise<NetworkLab> {
    if (process.getuid?.() !== 0) throw new NetworkLabError('network namespaces need root (run as root, or in a container with CAP_NET_ADMIN and CAP_SYS_ADMIN)');
    await removeStaleLabs();
    const plan = planLab(runIdOf(process.pid), hostNames, freeSubnet(await ip('-4', 'route')));
    const lab = new NetworkLab(plan);
    try {
      await ip('link', 'add', plan.bridge, 'type', 'bridge');
      await ip('addr', 'add', `${plan.gateway}/${plan.prefixLength}`, 'dev', plan.bridge);
      await ip('link', 'set', plan.bridge, 'up');
      for (const host of plan.hosts) await lab.addHost(host);
    } catch (error) {
      await lab.destroy();
      throw error;
    }
    return lab;
  }

  private async addHost(host: LabHost): Promise<void> {
    await ip('netns', 'add', host.namespace);
    await ip('link', 'add', host.hostVeth, 'type', 'veth', 'peer', 'name', host.peerVeth);
    await ip('link', 'set', host.hostVeth, 'master', this.plan.bridge);
    await ip('link', 'set', host.hostVeth, 'up');
    await ip('link', 'set', host.peerVeth, 'netns', host.namespace);
    await ip('-n', host.namespace, 'link', 'set', host.peerVeth, 'name', 'eth0');
    await ip('-n', host.namespace, 'addr', 'add', `${host.address}/${this.plan.prefixLength}`, 'dev', 'eth0');
    await ip('-n', host.namespace, 'link', 'set', 'eth0', 'up');
    await ip('-n', host.namespace, 'link', 'set', 'lo', 'up');
  }

  host(name: string): LabHost {
    const found = this.plan.hosts.find((host) => host.name === name);
    if (!found) throw new NetworkLabError(`no host ${name} in this lab (hosts: ${this.plan.hosts.map((host) => host.name).join(', ')})`);
    return found;
  }

  address(name: string): string {
    return this.host(name).address;
  }

  /** The command prefix that runs a program inside the host's namespace (`ip netns exec` execs it: same pid). */
  launcher(name: string): string[] {
    return ['ip', 'netns', 'exec', this.host(name).namespace];
  }

  /** Cuts the host's only link: its processes keep running, nothing reaches them or leaves them. */
  async cutLink(name: string): Promise<void> {
    await ip('link', 'set', this.host(name).hostVeth, 'down');
  }

  async healLink(name: string): Promise<void> {
    await ip('link', 'set', this.host(name).hostVeth, 'up');
  }

  /** Idempotent: kills what runs inside, deletes the namespaces (and their veths) and the bridge. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    const existing = new Set(await namespaces().catch(() => []));
    for (const host of this.plan.hosts) if (existing.has(host.namespace)) await removeNamespace(host.namespace);
    for (const host of this.plan.hosts) await ip('link', 'delete', host.hostVeth).catch(() => undefined);
    await ip('link', 'delete', this.plan.bridge).catch(() => undefined);
  }

  /** What is left of this lab on the machine (namespaces and links): empty after destroy(). */
  async leftovers(): Promise<string[]> {
    const links = (await ip('-o', 'link', 'show')).split('\n').map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1] ?? '');
    return [...(await namespaces()), ...links].filter((name) => name.startsWith(this.plan.runId));
  }
}
