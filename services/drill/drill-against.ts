// `tipnet drill --against <deployment>`: the drill comes to a deployment that runs already (what
// `tipnet up` started, described by its deployment.json) instead of starting its own. It sends
// through the participants' node APIs, lets their real officers answer unless a state asked for
// the simulation, and injects only the faults that need no control of the deployment's processes
// (malformed and spoofed submissions); the others are listed in the report as not injected.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsConnectOptions } from '../nats-client/mod.ts';
import { ConfigurationError, isStateCode, KeyDirectory, readKeyDirectory, type StateCode } from '../core/mod.ts';
import type { DeploymentDescription } from '../deployment/mod.ts';
import { readHubServicesConfig } from '../router/mod.ts';
import { readConnectionFile } from '../topology/mod.ts';
import { AttachedRuntimes, checkParticipants } from './attached-runtimes.ts';
import type { DrillConduct, EscalationRecord, SkippedFault } from './drill-records.ts';
import type { DrillTarget } from './drill-target.ts';
import type { FaultSpec, Scenario } from './scenario-schema.ts';

const NOT_OURS = 'the deployment is not the drill\'s own: it stops none of its processes';
const NO_HUB = 'the deployment folder gives no hub login, so the hub\'s verdicts on bad submissions cannot be read';
const NO_KEY = 'the deployment folder holds no signing key for the injecting state';

/** Which participants' officers the drill plays: 'all', a list, or none (every officer is a person). */
export function simulatedStates(participants: readonly StateCode[], simulate: readonly string[] | 'all' | undefined): StateCode[] {
  if (simulate === 'all') return [...participants];
  const unknown = (simulate ?? []).filter((code) => !isStateCode(code));
  if (unknown.length > 0) throw new ConfigurationError('drill options', [`--simulate: unknown state code(s) ${unknown.join(', ')}`]);
  return (simulate ?? []).filter(isStateCode);
}

/** The scenario's faults split into those the drill can inject here and those it leaves out, with why. */
export function faultsAgainst(faults: readonly FaultSpec[], can: { readonly readHub: boolean; readonly signWith: (state: StateCode) => boolean }): { run: FaultSpec[]; skipped: SkippedFault[] } {
  const run: FaultSpec[] = [];
  const skipped: SkippedFault[] = [];
  for (const fault of faults) {
    const why = fault.kind === 'malformed' || fault.kind === 'spoofed'
      ? (!can.readHub ? NO_HUB : can.signWith(fault.state) ? undefined : NO_KEY)
      : NOT_OURS;
    if (why === undefined) run.push(fault);
    else skipped.push({ kind: fault.kind, target: faultTarget(fault), atDrillMs: fault.at, why });
  }
  return { run, skipped };
}

function faultTarget(fault: FaultSpec): string {
  switch (fault.kind) {
    case 'hub-node-stop': return `hub node ${fault.node}`;
    case 'router-kill': return 'hub services';
    case 'spoofed': return `${fault.state} as ${fault.impersonates}`;
    default: return fault.state;
  }
}

export interface AttachOptions {
  readonly description: DeploymentDescription;
  readonly folder: string;
  readonly scenario: Scenario;
  readonly drillId: string;
  readonly participants: readonly StateCode[];
  readonly simulate: readonly string[] | 'all' | undefined;
  readonly escalations: EscalationRecord[];
  readonly errors: string[];
}

/** Opens the witnesses, node APIs and feeds; the caller closes the runtimes and the hub connection. */
export async function attachToDeployment(options: AttachOptions): Promise<{ target: DrillTarget; faults: FaultSpec[] }> {
  const { description, participants } = options;
  const simulated = simulatedStates(participants, options.simulate);
  checkParticipants(description, participants, simulated);
  const hub = description.hubServicesConfig ? await hubConnection(description.hubServicesConfig) : undefined;
  const runtimes = new AttachedRuntimes({ ...options, simulated });
  try {
    await runtimes.open();
  } catch (error) {
    await runtimes.close();
    await hub?.close();
    throw error;
  }
  const directory = await directoryOf(description);
  const { run, skipped } = faultsAgainst(options.scenario.faults, { readHub: hub !== undefined, signWith: (state) => runtimes.signingKey(state) !== undefined });
  const conduct: DrillConduct = {
    mode: 'against', deployment: options.folder, skippedFaults: skipped,
    officers: Object.fromEntries(participants.map((state) => [state, simulated.includes(state) ? 'simulated' as const : 'people' as const])),
  };
  const target: DrillTarget = {
    hubStates: Object.keys(description.states).filter(isStateCode).sort(), runtimes, hub, local: undefined, conduct,
    signingKey: (state) => runtimes.signingKey(state),
    keyIdOf: (state) => currentKeyId(directory, state),
  };
  return { target, faults: run };
}

async function hubConnection(configPath: string): Promise<NatsConnection> {
  const config = readHubServicesConfig(configPath);
  return connect({ ...natsConnectOptions(config), name: 'drill hub verdicts', maxReconnectAttempts: -1, reconnectTimeWait: 250 });
}

async function directoryOf(description: DeploymentDescription): Promise<KeyDirectory> {
  const first = Object.values(description.states).find((entry) => entry !== undefined);
  const file = first ? readConnectionFile(first.connectionFile).keyDirectoryFile : undefined;
  return new KeyDirectory(file ? await readKeyDirectory(file) : []);
}

/** The newest usable key of a state, as a forger would claim it. */
function currentKeyId(directory: KeyDirectory, state: StateCode): string | undefined {
  const now = Date.now();
  return directory.list().filter((entry) => entry.owner === state && directory.usableKey(entry.keyId, now)).sort((a, b) => b.notBeforeUnixMs - a.notBeforeUnixMs)[0]?.keyId;
}
