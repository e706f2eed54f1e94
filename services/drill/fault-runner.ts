// Starts one scenario fault and schedules its end. Each fault writes down what it did, so the
// report can say whether traffic recovered from it.
import type { NatsConnection } from '@nats-io/transport-node';
import type { SigningKey, StateCode } from '../core/mod.ts';
import type { LocalDeployment } from '../deployment/mod.ts';
import { injectMalformed, injectSpoofed } from './bad-injects.ts';
import type { FaultRecord } from './drill-records.ts';
import { formatDuration } from './duration.ts';
import type { FaultSpec } from './scenario-schema.ts';

export interface FaultContext {
  readonly speed: number;
  readonly hubNodes: number;
  readonly drillId: string;
  /** The drill's own deployment; undefined against one it came to (then only bad injects run). */
  readonly deployment: LocalDeployment | undefined;
  signingKey(state: StateCode): SigningKey | undefined;
  keyIdOf(state: StateCode): string | undefined;
  /** The drill's connection to a state's leaf, as that state's apps. */
  connection(state: StateCode): NatsConnection;
  stopNode(state: StateCode): Promise<void>;
  /** Starts the state's node again; on failure it sets record.restoreFailed. */
  restartNode(state: StateCode, record: FaultRecord): Promise<void>;
  /** Runs `run` at a wall-clock time; the drill waits for these before it ends. */
  later(atWallMs: number, run: () => Promise<void>): void;
}

export async function startFault(spec: FaultSpec, context: FaultContext): Promise<FaultRecord> {
  const startWallMs = Date.now();
  const until = (drillMs: number) => startWallMs + drillMs / context.speed;
  const owned = () => {
    if (!context.deployment) throw new Error(`a ${spec.kind} fault needs the drill's own deployment`);
    return context.deployment;
  };
  const windowed = (target: string, drillMs: number, happened: string): FaultRecord =>
    ({ kind: spec.kind, target, atDrillMs: spec.at, startWallMs, endWallMs: until(drillMs), happened });
  const endAt = (record: FaultRecord, restore: () => Promise<void>) =>
    context.later(record.endWallMs, async () => {
      await restore();
      record.endWallMs = Date.now();
    });

  switch (spec.kind) {
    case 'leaf-offline': {
      const record = windowed(spec.state, spec.for, `${spec.state}'s leaf node and node service stopped for ${formatDuration(spec.for)} of drill time`);
      const deployment = owned();
      await context.stopNode(spec.state);
      await deployment.servers.stopLeaf(spec.state);
      endAt(record, async () => {
        await deployment.servers.startLeaf(spec.state);
        await context.restartNode(spec.state, record);
      });
      return record;
    }
    case 'hub-node-stop': {
      const index = Math.min(spec.node, context.hubNodes) - 1;
      const record = windowed(`hub node ${index + 1}`, spec.for, `hub node ${index + 1} of ${context.hubNodes} stopped for ${formatDuration(spec.for)} of drill time`);
      const deployment = owned();
      await deployment.servers.hub.stopNode(index);
      endAt(record, () => deployment.servers.hub.startNode(index));
      return record;
    }
    case 'router-kill': {
      const deployment = owned();
      const record = windowed('hub services', spec.restartAfter, `router and dispatcher killed with SIGKILL (pid ${deployment.hubServices.pid}), restarted after ${formatDuration(spec.restartAfter)} of drill time`);
      await deployment.hubServices.kill();
      endAt(record, () => deployment.hubServices.start());
      return record;
    }
    case 'slow-consumer': {
      const record = windowed(spec.state, spec.for, `${spec.state}'s node stopped consuming its inbox for ${formatDuration(spec.for)} of drill time; deliveries queued on its leaf`);
      await context.stopNode(spec.state);
      endAt(record, () => context.restartNode(spec.state, record));
      return record;
    }
    case 'malformed': {
      const injects = await injectMalformed(context.connection(spec.state), spec.state, spec.count, context.drillId, keyOf(context, spec.state));
      return { kind: spec.kind, target: spec.state, atDrillMs: spec.at, startWallMs, endWallMs: Date.now(), happened: `${spec.count} malformed submissions from ${spec.state}'s leaf`, injects };
    }
    case 'spoofed': {
      const injects = await injectSpoofed(context.connection(spec.state), spec.state, spec.impersonates, spec.count, context.drillId, keyOf(context, spec.state), context.keyIdOf(spec.impersonates) ?? `${spec.impersonates}-unknown`);
      return { kind: spec.kind, target: `${spec.state} as ${spec.impersonates}`, atDrillMs: spec.at, startWallMs, endWallMs: Date.now(), happened: `${spec.count} submissions from ${spec.state} posing as ${spec.impersonates}`, injects };
    }
  }
}

function keyOf(context: FaultContext, state: StateCode): SigningKey {
  const key = context.signingKey(state);
  if (!key) throw new Error(`no signing key of ${state} for the drill's bad injects`);
  return key;
}
