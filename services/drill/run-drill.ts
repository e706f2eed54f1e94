// Runs a drill end to end: the whole local topology, one node service per state, liaison
// officers played by the drill, the scenario's traffic and faults in drill time, and a report.
// Only wiring: the parts are the timeline (when sends and faults happen), the send lanes, the
// state runtimes, the drain and the report. Everything it starts is stopped, also when it fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger, type StateCode } from '../core/mod.ts';
import { readDeploymentDescription, startLocalDeployment, type DeploymentDescription, type LocalDeployment } from '../deployment/mod.ts';
import { loadTopology, parseTopology, type Topology } from '../topology/mod.ts';
import { drain } from './drain.ts';
import { endDrillAtHub, startDrillAtHub } from './drill-control.ts';
import { writeDrillExports, type DrillExportFiles } from './drill-exports.ts';
import { applyOverrides, type DrillOverrides } from './drill-options.ts';
import { readDeadLetters, writeReportFiles } from './drill-output.ts';
import { progressLine, showProgress, type ProgressInput } from './drill-progress.ts';
import type { DrillRecords, EscalationRecord, FaultRecord, SentRecord } from './drill-records.ts';
import { buildReport, type DrillReport } from './drill-report.ts';
import { sleepUntil, startTimeline, type DrillTimeline } from './drill-timeline.ts';
import { formatDuration } from './duration.ts';
import { startFault, type FaultContext } from './fault-runner.ts';
import { loadScenario, participantCodes, type Scenario } from './scenario-schema.ts';
import { createSendLanes } from './send-lanes.ts';
import { StateRuntimes } from './state-runtimes.ts';
import { attachToDeployment } from './drill-against.ts';
import type { DrillRuntimes } from './drill-runtimes.ts';
import { ownDeploymentTarget, type DrillTarget } from './drill-target.ts';
import { INTELLIGENCE_GROUP, planTraffic, type PlannedMessage } from './traffic-plan.ts';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('./scenarios/default.yaml', import.meta.url));

export interface DrillRunOptions extends DrillOverrides {
  readonly scenarioPath?: string | undefined;
  readonly outDir?: string | undefined;
  readonly topologyPath?: string | undefined;
  /** Hub nodes, overriding the topology (tests use 3 or 1). */
  readonly hubNodes?: 1 | 3 | undefined;
  readonly print?: ((line: string) => void) | undefined;
  /** Redraws one progress line (a TTY); otherwise progress is printed every few seconds. */
  readonly progress?: ((line: string) => void) | undefined;
  /**
   * A deployment folder that runs already (what `tipnet up --dir` wrote, with deployment.json): the
   * drill sends through those nodes' APIs instead of starting its own topology.
   */
  readonly against?: string | undefined;
  /** With `against`: participants whose officers the drill plays ('all' for every one); the others' officers are people. */
  readonly simulate?: readonly string[] | 'all' | undefined;
  /** Aborting it (SIGINT, SIGTERM) stops the drill: everything started is stopped and its folders removed, then DrillInterrupted is thrown. */
  readonly signal?: AbortSignal | undefined;
}

/** The drill was stopped from outside before it finished; everything it started is stopped and removed. */
export class DrillInterrupted extends Error {
  override readonly name = 'DrillInterrupted';
  constructor() {
    super('the drill was interrupted; everything it started was stopped and its folders removed');
  }
}

export interface DrillResult {
  readonly report: DrillReport;
  readonly reportJson: string;
  readonly reportHtml: string;
  /** Each participant's STIX and MISP export of what its node held at the end (exports/<STATE>.*.json). */
  readonly exports: readonly DrillExportFiles[];
}

/** The drill worked out before anything starts. */
interface DrillSetup {
  readonly scenario: Scenario;
  readonly participants: StateCode[];
  readonly drillId: string;
  readonly topology: Topology;
  readonly plan: PlannedMessage[];
  readonly wallDurationMs: number;
  readonly outDir: string;
  /** With --against: the deployment it comes to. */
  readonly description?: DeploymentDescription | undefined;
}

/** What is running, for teardown; filled in as it starts. */
interface Running {
  readonly work: string;
  /** The drill's own deployment (self-contained mode); a deployment it came to is never stopped. */
  deployment?: LocalDeployment;
  /** With --against: the drill's connection to the hub, for its verdicts on bad injects. */
  hub?: NatsConnection | undefined;
  runtimes?: DrillRuntimes;
  timeline?: DrillTimeline;
}

/** Shared by the parts while the drill runs. */
interface DrillState {
  readonly target: DrillTarget;
  readonly runtimes: DrillRuntimes;
  readonly running: Running;
  readonly escalations: EscalationRecord[];
  readonly errors: string[];
}

export async function runDrill(options: DrillRunOptions = {}): Promise<DrillResult> {
  const print = options.print ?? console.log;
  const setup = await prepareDrill(options);
  const { scenario, participants, topology, drillId } = setup;
  print(`drill ${drillId}: ${participants.join(', ')}; ${formatDuration(scenario.duration)} of drill time at ${scenario.speed}x = ${formatDuration(setup.wallDurationMs)} wall; ${setup.plan.length} planned messages; ${scenario.faults.length} faults; seed ${scenario.seed}`);
  if (options.against) print(`against the running deployment in ${options.against}: its nodes' APIs, its officers (simulated: ${String(options.simulate ?? 'none')})`);
  else print(`starting the topology: ${topology.hub.nodes} hub nodes, ${topology.states.length} leaf nodes, hub services, ${participants.length} node services ...`);

  const running: Running = { work: await mkdtemp(join(tmpdir(), 'tipnet-drill-')) };
  let stopping: Promise<void> | undefined;
  const stopOnce = () => (stopping ??= teardown(running));
  const interrupted = new Promise<never>((_, reject) => {
    if (options.signal?.aborted) reject(new DrillInterrupted());
    options.signal?.addEventListener('abort', () => reject(new DrillInterrupted()), { once: true });
  });
  // The run itself may still fail as its servers go away under it; only the interruption is reported.
  const run = runStarted(setup, running, options, print);
  run.catch(() => undefined);
  interrupted.catch(() => undefined);
  try {
    return await Promise.race([run, interrupted]);
  } finally {
    await stopOnce();
  }
}

async function runStarted(setup: DrillSetup, running: Running, options: DrillRunOptions, print: (line: string) => void): Promise<DrillResult> {
  const { participants, drillId } = setup;
  const escalations: EscalationRecord[] = [];
  const errors: string[] = [];
  const { target, faults } = setup.description
    ? await attachedTarget(setup, setup.description, running, options, { escalations, errors })
    : await ownTarget(setup, running, options, { escalations, errors });
  for (const skipped of target.conduct.skippedFaults) print(`not injected: ${skipped.kind} ${skipped.target} (${skipped.why})`);
  const runtimes = target.runtimes;
  await announceStart(setup, runtimes);
  const records = await runTraffic({ ...setup, scenario: { ...setup.scenario, faults } }, { target, runtimes, running, escalations, errors }, options);
  const report = buildReport(records);
  const exports = await writeDrillExports(setup.outDir, participants, (state) => runtimes.node(state));
  await endDrillAtHub({ controller: runtimes.node(participants[0]!)!, drillId, participants });
  print(`drill ${drillId} ended at the hub: it takes none of the drill's traffic any more`);
  return { report, ...(await writeReportFiles(setup.outDir, report)), exports };
}

interface Collected {
  readonly escalations: EscalationRecord[];
  readonly errors: string[];
}

/** Self-contained: the drill starts the whole topology and owns every process. */
async function ownTarget(setup: DrillSetup, running: Running, options: DrillRunOptions, { escalations, errors }: Collected) {
  const { participants, topology, scenario } = setup;
  // The hub operator allows the controller to run drills; the drill itself is registered at run time by its START.
  const deployment = await startLocalDeployment({ topology, dir: join(running.work, 'run'), drillControllers: [participants[0]!] });
  running.deployment = deployment;
  if (options.signal?.aborted) {
    // Interrupted while it started: the teardown has run already, so this stops what came up since.
    await deployment.stop();
    await rm(running.work, { recursive: true, force: true });
    throw new DrillInterrupted();
  }
  const logger = createLogger({ service: 'drill-node', level: 'silent' });
  const runtimes = new StateRuntimes({ deployment, scenario, participants, logger, escalations, errors });
  running.runtimes = runtimes;
  await runtimes.open();
  return { target: ownDeploymentTarget(deployment, runtimes, participants), faults: [...scenario.faults] };
}

/** --against: the drill comes to a running deployment and stops none of it. */
async function attachedTarget(setup: DrillSetup, description: DeploymentDescription, running: Running, options: DrillRunOptions, collected: Collected) {
  const attached = await attachToDeployment({
    description, folder: resolve(options.against ?? ''), scenario: setup.scenario, drillId: setup.drillId, participants: setup.participants, simulate: options.simulate, ...collected,
  });
  running.runtimes = attached.target.runtimes;
  running.hub = attached.target.hub;
  return attached;
}

async function prepareDrill(options: DrillRunOptions): Promise<DrillSetup> {
  const scenario = applyOverrides(loadScenario(options.scenarioPath ?? DEFAULT_SCENARIO), options);
  // Against a deployment, its own topology names the sharing groups the traffic is planned for.
  const description = options.against ? await readDeploymentDescription(options.against) : undefined;
  const full = loadTopology(description?.topologyFile ?? options.topologyPath);
  const topology = options.hubNodes ? parseTopology({ ...full, hub: { ...full.hub, nodes: options.hubNodes } }) : full;
  const groupMembers = topology.sharingGroups.find((group) => group.name === INTELLIGENCE_GROUP)?.members ?? [];
  const wallDurationMs = scenario.duration / scenario.speed;
  return {
    scenario, topology, wallDurationMs,
    participants: participantCodes(scenario),
    drillId: `${scenario.name}-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}`,
    plan: planTraffic(scenario, { wallDurationMs, ratePerSecond: scenario.traffic.ratePerMinute / 60, groupMembers }),
    outDir: resolve(options.outDir ?? 'drill-out'),
    description,
  };
}

/** The controller (the first participant) starts the drill at the hub; traffic waits until every participant has the START. */
async function announceStart({ participants, drillId, scenario }: DrillSetup, runtimes: DrillRuntimes): Promise<void> {
  await startDrillAtHub({ controller: runtimes.node(participants[0]!)!, drillId, participants }, scenario);
}

/** Schedules the plan's sends and the faults, runs them, drains, and returns what happened. */
async function runTraffic(setup: DrillSetup, drill: DrillState, options: DrillRunOptions): Promise<DrillRecords> {
  const { scenario, plan, drillId } = setup;
  const { runtimes, errors } = drill;
  const sent: SentRecord[] = [];
  const faults: FaultRecord[] = [];
  const timeline = startTimeline(scenario.speed, (error) => errors.push(String(error)));
  drill.running.timeline = timeline;
  const messageIds = new Map(plan.map((message) => [message.seq, message.messageId]));
  const lanes = createSendLanes({
    drillId, speed: scenario.speed, assistanceDeadlineMs: scenario.traffic.assistanceDeadline, sent,
    nodeOf: (state) => runtimes.node(state), messageIdOf: (seq) => messageIds.get(seq) ?? '', onError: (what) => errors.push(what),
  });
  const faultContext = faultContextOf(setup, drill, timeline);
  for (const message of plan) timeline.later(timeline.wallAt(message.atMs), async () => lanes.send(message));
  for (const fault of scenario.faults) timeline.later(timeline.wallAt(fault.at), async () => {
    faults.push(await startFault(fault, faultContext));
  });

  const trafficEndsAtWallMs = timeline.wallAt(scenario.duration);
  const observations = () => runtimes.observations();
  const progress: ProgressInput = {
    speed: scenario.speed, planned: plan.length, startedAtWallMs: timeline.startedAtWallMs, trafficEndsAtWallMs,
    sent, observations, faults, escalations: drill.escalations,
  };
  const show = options.progress ?? options.print ?? console.log;
  const stopProgress = showProgress(progress, show, options.progress ? 250 : 5_000);
  try {
    await sleepUntil(trafficEndsAtWallMs);
    await drain({ sent, observations, scheduled: () => timeline.scheduled, sending: () => lanes.inFlight });
  } finally {
    stopProgress();
  }
  show(progressLine(progress, Date.now(), true));
  if (options.progress) (options.print ?? console.log)('');
  const endedAtWallMs = Date.now();
  return {
    scenarioName: scenario.name, drillId, seed: scenario.seed, speed: scenario.speed, participants: setup.participants,
    hubStates: drill.target.hubStates, startedAtWallMs: timeline.startedAtWallMs, trafficEndsAtWallMs, endedAtWallMs,
    sent, observations: observations(), faults, escalations: drill.escalations, deadLetters: drill.target.hub ? await readDeadLetters(drill.target.hub) : [],
    errors, officers: runtimes.officerStats(), conduct: drill.target.conduct,
  };
}

function faultContextOf({ scenario, topology, drillId }: DrillSetup, { target, runtimes }: DrillState, timeline: DrillTimeline): FaultContext {
  return {
    speed: scenario.speed, hubNodes: topology.hub.nodes, drillId, deployment: target.local,
    signingKey: (state) => target.signingKey(state),
    keyIdOf: (state) => target.keyIdOf(state),
    connection: (state) => runtimes.connection(state),
    stopNode: (state) => runtimes.stopNode(state),
    restartNode: (state, record) => runtimes.restartNode(state, record),
    later: (atWallMs, run) => timeline.later(atWallMs, run),
  };
}

/** Stops everything the drill started, in order, whether it passed, failed or threw. */
async function teardown(running: Running): Promise<void> {
  running.timeline?.stop();
  await running.runtimes?.close();
  await running.hub?.close().catch(() => undefined);
  await running.deployment?.stop();
  await rm(running.work, { recursive: true, force: true });
}
