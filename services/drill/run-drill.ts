// Runs a drill end to end: the whole local topology, one node service per state, liaison
// officers played by the drill, the scenario's traffic and faults in drill time, and a report.
// Everything it starts is stopped, also when the drill fails.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '../core/logging/mod.ts';
import { InputValidationError } from '../core/validation/mod.ts';
import type { StateCode } from '../core/member-states.ts';
import { HEADERS, STREAMS } from '../core/subjects.ts';
import { startLocalDeployment, type LocalDeployment } from '../deployment/local-deployment.ts';
import { ensureInbox } from '../node/inbox.ts';
import { startNodeService, type RunningNode } from '../node/node-service.ts';
import { loadTopology, parseTopology } from '../topology/mod.ts';
import { applyOverrides, type DrillOverrides } from './drill-options.ts';
import type { DeadLetterRecord, DrillRecords, EscalationRecord, FaultRecord, SentRecord } from './drill-records.ts';
import { buildReport, expectedHits, type DrillReport } from './drill-report.ts';
import { formatDuration } from './duration.ts';
import { startFault, type FaultContext } from './fault-runner.ts';
import { observeInbox, type InboxObserver } from './inbox-observer.ts';
import { submissionFor } from './message-factory.ts';
import { SimulatedOfficer } from './officer-simulation.ts';
import { renderReportHtml } from './report-html.ts';
import { loadScenario, participantCodes, type FaultSpec, type Scenario } from './scenario-schema.ts';
import { INTELLIGENCE_GROUP, planTraffic, type PlannedMessage } from './traffic-plan.ts';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('./scenarios/default.yaml', import.meta.url));
/** After the traffic, the drill waits at most this long for the last deliveries and deadlines. */
const MAX_DRAIN_MS = 45_000;
/** How long a state's systems keep trying to submit while its node is down. */
const MAX_SEND_RETRY_MS = 60_000;

export interface DrillRunOptions extends DrillOverrides {
  readonly scenarioPath?: string;
  readonly outDir?: string;
  readonly topologyPath?: string;
  /** Hub nodes, overriding the topology (tests use 3 or 1). */
  readonly hubNodes?: 1 | 3;
  readonly print?: (line: string) => void;
  /** Redraws one progress line (a TTY); otherwise progress is printed every few seconds. */
  readonly progress?: (line: string) => void;
}

export interface DrillResult {
  readonly report: DrillReport;
  readonly reportJson: string;
  readonly reportHtml: string;
}

interface StateRuntime {
  readonly state: StateCode;
  readonly nc: NatsConnection;
  node: RunningNode | undefined;
  officer?: SimulatedOfficer;
  observer?: InboxObserver;
}

export async function runDrill(options: DrillRunOptions = {}): Promise<DrillResult> {
  const print = options.print ?? console.log;
  const scenario = applyOverrides(loadScenario(options.scenarioPath ?? DEFAULT_SCENARIO), options);
  const participants = participantCodes(scenario);
  const drillId = `${scenario.name}-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
  const full = loadTopology(options.topologyPath);
  const topology = options.hubNodes ? parseTopology({ ...full, hub: { ...full.hub, nodes: options.hubNodes } }) : full;
  const groupMembers = (topology.sharingGroups.find((group) => group.name === INTELLIGENCE_GROUP)?.members ?? []) as StateCode[];
  const wallDurationMs = scenario.duration / scenario.speed;
  const plan = planTraffic(scenario, { wallDurationMs, ratePerSecond: scenario.traffic.ratePerMinute / 60, groupMembers });
  const outDir = resolve(options.outDir ?? 'drill-out');

  print(`drill ${drillId}: ${participants.join(', ')}; ${formatDuration(scenario.duration)} of drill time at ${scenario.speed}x = ${formatDuration(wallDurationMs)} wall; ${plan.length} planned messages; ${scenario.faults.length} faults; seed ${scenario.seed}`);
  print(`starting the topology: ${topology.hub.nodes} hub nodes, ${topology.states.length} leaf nodes, hub services, ${participants.length} node services ...`);

  const work = await mkdtemp(join(tmpdir(), 'tipnet-drill-'));
  const runtimes = new Map<StateCode, StateRuntime>();
  let deployment: LocalDeployment | undefined;
  const errors: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const logger = createLogger({ service: 'drill-node', level: 'silent' });
  try {
    deployment = await startLocalDeployment({ topology, dir: join(work, 'run'), drills: { [drillId]: participants } });
    const { keys } = deployment;
    const hubStates = deployment.states;

    // After an outage the connection may still be reconnecting: try again for a while.
    const restartNode = async (runtime: StateRuntime, record: FaultRecord) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          await startNode(runtime);
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            record.restoreFailed = `${runtime.state}'s node service did not start again: ${String(error)}`;
            errors.push(record.restoreFailed);
            return;
          }
          await sleep(500);
        }
      }
    };
    const startNode = async (runtime: StateRuntime) => {
      runtime.node = await startNodeService({
        state: runtime.state, nc: runtime.nc, signingKey: keys.signingKeys[runtime.state]!, directory: keys.directory,
        matchingKey: keys.matchingKey, logger, clockTickMs: 250,
      });
      runtime.node.events.on('delivery', (item) => runtime.officer?.onDelivery(item));
      runtime.node.events.on('escalation', (item) => {
        if (item.escalation) escalations.push({ state: runtime.state, requestMessageId: item.escalation.requestMessageId, atWallMs: Date.now() });
      });
    };
    const stopNode = async (runtime: StateRuntime) => {
      const node = runtime.node;
      runtime.node = undefined;
      await node?.stop();
    };
    const escalations: EscalationRecord[] = [];

    for (const state of hubStates) {
      const connection = deployment.connections[state]!;
      const nc = await connect({ servers: [...connection.servers], user: connection.user, pass: connection.password, name: `drill ${state}`, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
      const runtime: StateRuntime = { state, nc, node: undefined };
      runtimes.set(state, runtime);
      await ensureInbox(nc, state);
      runtime.observer = await observeInbox(nc, state, keys.directory);
      if (participants.includes(state)) {
        runtime.officer = new SimulatedOfficer({
          state, behaviour: scenario.participants[state]!.behaviour, speed: scenario.speed, seed: scenario.seed + state.charCodeAt(0) * 31 + state.charCodeAt(2),
          node: () => runtime.node, onError: (what, error) => errors.push(`${what}: ${String(error)}`),
        });
        await startNode(runtime);
      }
    }

    // Tell the participants the drill starts (exercise traffic, drill-control).
    const controller = runtimes.get(participants[0]!)!;
    await controller.node!.submit({
      type: 'drill-control', senderUnit: `${controller.state}-DRILL-CONTROL`, handling: 'green', priority: 'routine',
      distribution: { mode: 'named', states: participants.filter((state) => state !== controller.state) },
      exercise: { drillId },
      payload: { action: 'start', participants, scenario: scenario.name, note: scenario.description.slice(0, 900) },
    });

    const sent: SentRecord[] = [];
    const faults: FaultRecord[] = [];
    const startedAtWallMs = Date.now();
    const wallAt = (drillMs: number) => startedAtWallMs + drillMs / scenario.speed;
    const later = (atWallMs: number, run: () => Promise<void>) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run().catch((error: unknown) => errors.push(String(error)));
      }, Math.max(0, atWallMs - Date.now()));
      timers.add(timer);
    };
    const pending = new Set<Promise<void>>();
    const messageIdOf = (seq: number) => plan.find((message) => message.seq === seq)?.messageId ?? '';

    // Each state's national systems submit in order, and keep trying while their node is down
    // (a leaf outage), as a real system would; latency counts from the attempt that got through.
    const sendLanes = new Map<StateCode, Promise<void>>();
    const send = (message: PlannedMessage) => {
      const runtime = runtimes.get(message.from)!;
      const attempt = async () => {
        const giveUpAt = Date.now() + MAX_SEND_RETRY_MS;
        for (;;) {
          const submittedAtWallMs = Date.now();
          const deadlineWallMs = submittedAtWallMs + scenario.traffic.assistanceDeadline / scenario.speed;
          const json = submissionFor(message, { drillId, replyDeadlineUnixMs: deadlineWallMs, messageIdOf });
          try {
            if (!runtime.node) throw new Error(`${message.from}'s node is down`);
            await runtime.node.submit(json, `drill-${message.messageId}`);
            sent.push({ planned: message, submittedAtWallMs, ...(message.type === 'assistance-request' ? { deadlineWallMs } : {}) });
            return;
          } catch (error) {
            if (error instanceof InputValidationError || Date.now() > giveUpAt) {
              sent.push({ planned: message, submittedAtWallMs, error: String(error) });
              return;
            }
            await sleep(500);
          }
        }
      };
      const task = (sendLanes.get(message.from) ?? Promise.resolve()).then(attempt);
      sendLanes.set(message.from, task);
      pending.add(task);
      void task.finally(() => pending.delete(task));
    };

    const faultContext: FaultContext = {
      speed: scenario.speed, hubNodes: topology.hub.nodes, drillId, deployment,
      connection: (state) => runtimes.get(state)!.nc,
      stopNode: (state) => stopNode(runtimes.get(state)!),
      restartNode: (state, record) => restartNode(runtimes.get(state)!, record),
      later,
    };
    const runFault = async (spec: FaultSpec) => {
      faults.push(await startFault(spec, faultContext));
    };

    for (const message of plan) later(wallAt(message.atMs), async () => send(message));
    for (const fault of scenario.faults) later(wallAt(fault.at), () => runFault(fault));

    const trafficEndsAtWallMs = wallAt(scenario.duration);
    const observations = () => [...runtimes.values()].flatMap((runtime) => runtime.observer?.observations ?? []);
    const progressLine = () => {
      const planned = new Set(sent.map((s) => s.planned.messageId));
      const seen = observations().filter((o) => planned.has(o.messageId)).length;
      const expected = sent.filter((s) => !s.error).reduce((sum, s) => sum + s.planned.expectedRecipients.length, 0);
      const elapsed = Math.min(1, (Date.now() - startedAtWallMs) / (trafficEndsAtWallMs - startedAtWallMs));
      const width = 24;
      const bar = '#'.repeat(Math.round(elapsed * width)).padEnd(width, '.');
      const active = faults.filter((f) => f.endWallMs > Date.now()).map((f) => `${f.kind}:${f.target}`);
      return `[${bar}] ${Math.round(elapsed * 100)}% drill ${formatDuration((Date.now() - startedAtWallMs) * scenario.speed)} | sent ${sent.length}/${plan.length} | delivered ${seen}/${expected} | escalated ${escalations.length}${active.length ? ` | fault ${active.join(', ')}` : ''}`;
    };
    const ticker = setInterval(() => (options.progress ?? print)(progressLine()), options.progress ? 250 : 5_000);
    try {
      await sleepUntil(trafficEndsAtWallMs);
      // Drain: wait for the last deliveries, faults to end, and deadlines to pass (escalation).
      const lastDeadline = Math.max(0, ...sent.map((s) => s.deadlineWallMs ?? 0));
      const drainUntil = Date.now() + MAX_DRAIN_MS;
      while (Date.now() < drainUntil) {
        const all = observations();
        const got = new Set(all.map((o) => `${o.state}/${o.messageId}`));
        const sentOk = sent.filter((s) => !s.error);
        const hits = expectedHits(sentOk, all);
        const outstanding = hits.notified < hits.expected
          || sentOk.some((s) => s.planned.expectedRecipients.some((r) => !got.has(`${r}/${s.planned.messageId}`)));
        // Scheduled fault ends still to run (every send and fault start has fired by now).
        const faultsOpen = timers.size > 0;
        if (!outstanding && !faultsOpen && pending.size === 0 && Date.now() > lastDeadline + 2_000) break;
        await sleep(250);
      }
    } finally {
      clearInterval(ticker);
    }
    (options.progress ?? print)(progressLine());
    if (options.progress) print('');
    const endedAtWallMs = Date.now();

    const deadLetters = await readDeadLetters(deployment.hub);
    const records: DrillRecords = {
      scenarioName: scenario.name, drillId, seed: scenario.seed, speed: scenario.speed, participants, hubStates,
      startedAtWallMs, trafficEndsAtWallMs, endedAtWallMs, sent, observations: observations(), faults, escalations, deadLetters, errors,
      officers: Object.fromEntries([...runtimes.values()].flatMap((runtime) => (runtime.officer ? [[runtime.state, { ...runtime.officer.stats }]] : []))),
    };
    const report = buildReport(records);
    await mkdir(outDir, { recursive: true });
    const reportJson = join(outDir, 'report.json');
    const reportHtml = join(outDir, 'report.html');
    await writeFile(reportJson, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(reportHtml, renderReportHtml(report));
    return { report, reportJson, reportHtml };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const runtime of runtimes.values()) runtime.officer?.stop();
    for (const runtime of runtimes.values()) {
      await runtime.node?.stop().catch(() => undefined);
      await runtime.observer?.stop().catch(() => undefined);
      await runtime.nc.close().catch(() => undefined);
    }
    await deployment?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

async function readDeadLetters(hub: NatsConnection): Promise<DeadLetterRecord[]> {
  const jsm = await jetstreamManager(hub);
  const info = await jsm.streams.info(STREAMS.deadLetters);
  const letters: DeadLetterRecord[] = [];
  if (info.state.messages === 0) return letters;
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
    const stored = await jsm.streams.getMessage(STREAMS.deadLetters, { seq }).catch(() => null);
    if (!stored) continue;
    // Nats-Msg-Id of a dead letter: deadletter.<submission sequence>.<message id>
    const id = stored.header.get(HEADERS.msgId).split('.').slice(2).join('.');
    letters.push({ reason: stored.header.get(HEADERS.reason), messageId: id });
  }
  return letters;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function sleepUntil(wallMs: number): Promise<void> {
  while (Date.now() < wallMs) await sleep(Math.min(250, wallMs - Date.now()));
}

export type { Scenario };
