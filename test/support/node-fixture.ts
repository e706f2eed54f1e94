// A member-state node (service and HTTP API) on a hub fixture's leaf, with its own connection, and
// small HTTP helpers. Every node is stopped in t.after, also when the test fails.
import type { TestContext } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '../../services/core/logging/mod.ts';
import type { StateCode } from '../../services/core/member-states.ts';
import type { KeyDirectory, SigningKey } from '../../services/core/signing/mod.ts';
import { startNodeHttp, startNodeService, type NodeServiceOptions, type RunningNode, type RunningNodeHttp } from '../../services/node/mod.ts';
import type { HubFixture } from './hub-fixture.ts';

export interface TestNode {
  readonly state: StateCode;
  readonly node: RunningNode;
  readonly http: RunningNodeHttp;
  readonly url: string;
  readonly nc: NatsConnection;
  stop(): Promise<void>;
}

export interface TestNodeOptions {
  readonly directory?: KeyDirectory;
  readonly deadlines?: NodeServiceOptions['deadlines'];
  readonly clockTickMs?: number;
  readonly now?: () => number;
}

export async function startTestNode(t: TestContext, fixture: HubFixture, state: StateCode, options: TestNodeOptions = {}): Promise<TestNode> {
  const nc = await connect({ ...fixture.topology.leafConnectOptions(state), name: `${state} node service`, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  let node: RunningNode | undefined;
  let http: RunningNodeHttp | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await http?.close().catch(() => undefined);
    await node?.stop().catch(() => undefined);
    await nc.close().catch(() => undefined);
  };
  t.after(stop);
  const logger = createLogger({ service: 'node', state, level: 'silent' });
  node = await startNodeService({
    state, nc, logger,
    signingKey: fixture.keys[state] as SigningKey,
    directory: options.directory ?? fixture.directory,
    matchingKey: fixture.matchingKey,
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    ...(options.clockTickMs ? { clockTickMs: options.clockTickMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  http = await startNodeHttp({ node, logger });
  return { state, node, http, url: http.url, nc, stop };
}

export interface JsonAnswer<T = any> {
  readonly status: number;
  readonly body: T;
}

export async function postJson<T = any>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function getJson<T = any>(url: string): Promise<JsonAnswer<T>> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}
