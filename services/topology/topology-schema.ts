// The shape of infra/topology.json, the one description of a deployment: the hub cluster, every
// state's leaf, sharing groups, limits, retention and the production settings. Parsed once at the
// edge; every problem is reported together, each with its field path.
import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigurationError, LIMITS, parseWithProblems, SHARING_GROUP_SLUG, stateCodeSchema } from '../core/mod.ts';

export const ROUTE_ROLES = ['origin', 'transit', 'destination'] as const;
export type RouteRole = (typeof ROUTE_ROLES)[number];

/**
 * `password`: generated passwords (the local run). `nkey`: nkey users for every client, leaf links
 * authenticated by certificate (needs `tls`); no password anywhere. `jwt`: operator mode, set up
 * with nsc (infra/README.md); `tipnet config` refuses to generate it.
 */
export const AUTH_MODES = ['password', 'nkey', 'jwt'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** nats-server refuses a max_payload above its default max_pending of 64 MiB. */
const largestServerPayloadBytes = 64 * 1024 * 1024;
/** Room for headers and protocol framing around the largest envelope. */
const smallestServerPayloadBytes = LIMITS.maxEnvelopeBytes + 64 * 1024;

const port = z.number().int().min(1).max(65_535);
const lowerCaseName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter');

const dnsName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** Where a server listens and is reached: an IP address or a DNS name (its certificate names it too). */
const host = z.string().refine((value) => isIP(value) !== 0 || dnsName.test(value), 'must be an IP address or a DNS name, e.g. 10.20.0.11 or hub-1.tipnet.asean.example');

const hubNodePorts = z.strictObject({ client: port, cluster: port, leafnode: port, monitoring: port }).partial();
const leafPorts = z.strictObject({ client: port, monitoring: port }).partial();

const stateCode = stateCodeSchema;

const hubSchema = z.strictObject({
  nodes: z
    .number()
    .int()
    .refine((count) => count >= 1 && count % 2 === 1, 'must be 1 or an odd number of at least 3, so a JetStream cluster always has a majority'),
  clusterName: lowerCaseName.default('tipnet-hub'),
  jetstreamDomain: lowerCaseName.default('hub'),
  /** One entry per node (default 127.0.0.1 for all: the local run). */
  hosts: z.array(host).optional(),
  /**
   * One entry per node; a port left out is chosen free on a loopback host (when servers start or
   * configs are generated) and is the NATS default (4222, 6222, 7422, 8222) on any other host.
   */
  ports: z.array(hubNodePorts).optional(),
});

const stateSchema = z.strictObject({
  code: stateCode,
  // Empty when no typical role is recorded; the state still takes part in every other distribution.
  routeRoles: z.array(z.enum(ROUTE_ROLES)).default([]),
  /** The host of the state's leaf server and node (default 127.0.0.1: the local run). */
  host: host.optional(),
  ports: leafPorts.optional(),
  /**
   * The subject of the leaf's TLS certificate as nats-server reads it (RFC 2253), which the hub maps
   * to this state's account in `nkey` mode; default "CN=leaf-<CODE>,O=tipnet", what `tipnet certs` issues.
   */
  certificateSubject: z.string().min(1).optional(),
});

const sharingGroupSchema = z.strictObject({
  name: z.string().regex(SHARING_GROUP_SLUG, 'must be kebab-case, e.g. financial-intelligence'),
  description: z.string().optional(),
  members: z.array(stateCodeSchema).min(1),
});

/**
 * The certificates folder: `ca.pem` and `<server>/cert.pem` + `<server>/key.pem` per server (hub-1,
 * leaf-IDN, ...), as `tipnet certs` writes it or a ministry lays out its own (infra/README.md).
 */
const tlsSchema = z.strictObject({ dir: z.string().min(1) });

export const topologySchema = z
  .strictObject({
    description: z.string().optional(),
    hub: hubSchema,
    states: z.array(stateSchema).min(1),
    sharingGroups: z.array(sharingGroupSchema).default([]),
    limits: z
      .strictObject({ maxPayloadBytes: z.number().int().min(smallestServerPayloadBytes).max(largestServerPayloadBytes) })
      .default({ maxPayloadBytes: LIMITS.maxServerPayloadBytes }),
    retention: z
      .strictObject({ deliveryMaxAgeDays: z.number().int().positive(), deadLetterMaxAgeDays: z.number().int().positive() })
      .default({ deliveryMaxAgeDays: 30, deadLetterMaxAgeDays: 90 }),
    auth: z.strictObject({ mode: z.enum(AUTH_MODES) }).default({ mode: 'password' }),
    tls: tlsSchema.optional(),
    /**
     * The hub operator's public key (base64, printed by `tipnet keys`): written into every node and
     * hub services config as `operatorPublicKey`, so they accept only key directories it signed.
     */
    operatorPublicKey: z.string().refine((value) => Buffer.from(value, 'base64').byteLength === 32, 'must be the base64 of a raw 32-byte Ed25519 public key (as `tipnet keys` prints it)').optional(),
  })
  // `when`: the cross-field rules run even when another field is malformed, so one run reports
  // every problem; they read the input through a lenient view that tolerates any shape.
  .check(z.superRefine(checkAcrossFields, { when: () => true }));

export type Topology = z.output<typeof topologySchema>;

/** Where every server listens when the topology names no host: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';
export type TopologyState = Topology['states'][number];
export type TlsSettings = z.output<typeof tlsSchema>;
type Report = (path: PropertyKey[], message: string) => void;

const anyPorts = z.record(z.string(), z.unknown()).catch({});
const anyList = z.array(z.unknown()).catch([]);
const lenientView = z.object({
  hub: z
    .object({ nodes: z.unknown(), jetstreamDomain: z.unknown(), hosts: anyList.optional(), ports: z.array(anyPorts).optional().catch(undefined) })
    .catch({ nodes: undefined, jetstreamDomain: undefined }),
  states: z.array(z.object({ code: z.unknown(), routeRoles: anyList.optional(), host: z.unknown().optional(), ports: anyPorts.optional() }).catch({ code: undefined })).catch([]),
  auth: z.object({ mode: z.unknown() }).optional().catch(undefined),
  tls: z.unknown().optional(),
  sharingGroups: z.array(z.object({ name: z.unknown(), members: anyList }).catch({ name: undefined, members: [] })).optional().catch(undefined),
});
type LenientView = z.output<typeof lenientView>;

function checkAcrossFields(input: unknown, context: z.RefinementCtx): void {
  const view = lenientView.parse(input);
  const report: Report = (path, message) => context.addIssue({ code: 'custom', path, message });
  checkStates(view, report);
  checkSharingGroups(view, report);
  checkPorts(view, report);
  checkAuth(view, report);
}

function checkAuth(view: LenientView, report: Report): void {
  if (view.auth?.mode === 'nkey' && view.tls === undefined) {
    report(['auth', 'mode'], '"nkey" needs "tls": leaf links are then authenticated by their certificates (run `tipnet certs`)');
  }
}

function checkStates(view: LenientView, report: Report): void {
  const firstIndex = new Map<unknown, number>();
  const hubDomain = typeof view.hub.jetstreamDomain === 'string' ? view.hub.jetstreamDomain : 'hub';
  view.states.forEach((state, index) => {
    if (typeof state.code !== 'string') return;
    const first = firstIndex.get(state.code);
    if (first !== undefined) report(['states', index, 'code'], `${state.code} is listed twice (first at states[${first}])`);
    else firstIndex.set(state.code, index);
    if (state.code.toLowerCase() === hubDomain) {
      report(['hub', 'jetstreamDomain'], `must differ from ${state.code}'s JetStream domain "${state.code.toLowerCase()}"`);
    }
    const roles = state.routeRoles ?? [];
    if (new Set(roles).size !== roles.length) report(['states', index, 'routeRoles'], 'must not repeat a role');
  });
}

function checkSharingGroups(view: LenientView, report: Report): void {
  const inTopology = view.states.flatMap((state) => (typeof state.code === 'string' ? [state.code] : []));
  const names = new Set<unknown>();
  view.sharingGroups?.forEach((group, groupIndex) => {
    if (names.has(group.name)) report(['sharingGroups', groupIndex, 'name'], `"${String(group.name)}" is defined twice`);
    names.add(group.name);
    group.members.forEach((member, memberIndex) => {
      if (typeof member !== 'string') return;
      const path = ['sharingGroups', groupIndex, 'members', memberIndex];
      if (!inTopology.includes(member)) report(path, `${member} is not a state in this topology (states: ${inTopology.join(', ')})`);
      else if (group.members.indexOf(member) !== memberIndex) report(path, `${member} is listed twice`);
    });
  });
}

function checkPorts(view: LenientView, report: Report): void {
  const { nodes, ports: hubPorts, hosts: hubHosts } = view.hub;
  if (typeof nodes === 'number' && hubPorts !== undefined && hubPorts.length !== nodes) {
    report(['hub', 'ports'], `must list one entry per hub node (${nodes}), not ${hubPorts.length}`);
  }
  if (typeof nodes === 'number' && hubHosts !== undefined && hubHosts.length !== nodes) {
    report(['hub', 'hosts'], `must list one host per hub node (${nodes}), not ${hubHosts.length}`);
  }
  if (nodes === 1) {
    hubPorts?.forEach((ports, index) => {
      if (ports['cluster'] !== undefined) report(['hub', 'ports', index, 'cluster'], 'is only used by a hub of 3 or more nodes');
    });
  }
  // A port is taken per host: every host of a real deployment may use 4222.
  const owners = new Map<string, string>();
  const claim = (path: PropertyKey[], host: unknown, value: unknown) => {
    if (typeof value !== 'number') return;
    const key = `${typeof host === 'string' ? host : DEFAULT_HOST} ${value}`;
    const owner = owners.get(key);
    if (owner !== undefined) report(path, `port ${value} is already used by ${owner}${typeof host === 'string' ? ` on ${host}` : ''}`);
    else owners.set(key, pathText(path));
  };
  hubPorts?.forEach((ports, index) => {
    for (const [kind, value] of Object.entries(ports)) claim(['hub', 'ports', index, kind], hubHosts?.[index], value);
  });
  view.states.forEach((state, index) => {
    for (const [kind, value] of Object.entries(state.ports ?? {})) claim(['states', index, 'ports', kind], state.host, value);
  });
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}

/** Validates parsed JSON; throws a ConfigurationError listing every problem with its field path. */
export function parseTopology(input: unknown, source = 'topology'): Readonly<Topology> {
  const result = parseWithProblems(topologySchema, input);
  if (!result.ok) throw new ConfigurationError(source, result.problems);
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
