// The plan of a network lab: one Linux network namespace per simulated host, each joined to one
// bridge by a veth pair, all in one /24 of their own. Pure, so names and addresses are tested
// without root. Interface names are at most 15 bytes (IFNAMSIZ - 1), hence the short run id.

/** Every namespace, bridge and veth of a lab starts with this and the run id. */
export const LAB_PREFIX = 'tn';
const IFNAME_MAX = 15;

export interface LabHost {
  /** The host's name in the deployment (hub-1, leaf-IDN, ...). */
  readonly name: string;
  readonly namespace: string;
  /** The veth end left in the root namespace, on the bridge: setting it down cuts the host's link. */
  readonly hostVeth: string;
  /** The end moved into the namespace (renamed eth0 there). */
  readonly peerVeth: string;
  readonly address: string;
}

export interface LabPlan {
  readonly runId: string;
  readonly bridge: string;
  /** The root namespace's own address on the bridge: how the test process reaches the hosts. */
  readonly gateway: string;
  readonly prefixLength: 24;
  readonly hosts: readonly LabHost[];
}

/** A run id that names the process owning the lab, so a later run can tell a stale lab from a live one. */
export function runIdOf(pid: number): string {
  return `${LAB_PREFIX}${pid.toString(36)}`;
}

/** The owning pid of a namespace or link named by runIdOf(), or undefined for names that are not a lab's. */
export function ownerPidOf(name: string): number | undefined {
  const match = new RegExp(`^${LAB_PREFIX}([0-9a-z]{1,7}?)(?:br$|h\\d+$|p\\d+$|-)`).exec(name);
  if (!match?.[1]) return undefined;
  const pid = Number.parseInt(match[1], 36);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Namespace names are free-form (up to 255 bytes) but readable ones help whoever lists them. */
function namespaceName(runId: string, host: string): string {
  return `${runId}-${host.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
}

export function planLab(runId: string, hostNames: readonly string[], subnet: string): LabPlan {
  const base = subnetBase(subnet);
  if (hostNames.length === 0 || hostNames.length > 200) throw new RangeError(`a lab has 1 to 200 hosts, not ${hostNames.length}`);
  if (new Set(hostNames).size !== hostNames.length) throw new RangeError('host names must be distinct');
  const names = [`${runId}br`, `${runId}h${hostNames.length}`, `${runId}p${hostNames.length}`];
  const tooLong = names.find((name) => Buffer.byteLength(name) > IFNAME_MAX);
  if (tooLong) throw new RangeError(`interface name ${tooLong} is longer than ${IFNAME_MAX} bytes: use a shorter run id`);
  return {
    runId,
    bridge: `${runId}br`,
    gateway: `${base}.1`,
    prefixLength: 24,
    hosts: hostNames.map((name, index) => ({
      name,
      namespace: namespaceName(runId, name),
      hostVeth: `${runId}h${index + 1}`,
      peerVeth: `${runId}p${index + 1}`,
      address: `${base}.${index + 10}`,
    })),
  };
}

/** "10.231.7.0/24" -> "10.231.7"; anything else is refused. */
function subnetBase(subnet: string): string {
  const match = /^(10\.\d{1,3}\.\d{1,3})\.0\/24$/.exec(subnet);
  if (!match?.[1] || match[1].split('.').some((part) => Number(part) > 255)) throw new RangeError(`subnet must be a private 10.x.y.0/24, not ${subnet}`);
  return match[1];
}

/**
 * A /24 in 10.200.0.0-10.254.255.0 that no route of this machine covers yet, drawn at random so two
 * labs on one machine rarely even try the same one. `routes` is `ip -4 route` output.
 */
export function freeSubnet(routes: string, random: () => number = Math.random): string {
  const used = [...routes.matchAll(/^(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?/gm)].map((match) => ({ address: toNumber(match[1] ?? ''), bits: Number(match[2] ?? 32) }));
  const covered = (candidate: number) => used.some(({ address, bits }) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - Math.min(bits, 24))) >>> 0;
    return ((address & mask) >>> 0) === ((candidate & mask) >>> 0);
  });
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const second = 200 + Math.floor(random() * 55);
    const third = Math.floor(random() * 256);
    const candidate = toNumber(`10.${second}.${third}.0`);
    if (!covered(candidate)) return `10.${second}.${third}.0/24`;
  }
  throw new Error('no free 10.x.y.0/24 found for the network lab');
}

function toNumber(address: string): number {
  return address.split('.').reduce((value, part) => ((value << 8) + Number(part)) >>> 0, 0);
}
