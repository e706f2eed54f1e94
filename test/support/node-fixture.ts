// A member-state node (service and HTTP API) on a hub fixture's leaf, with its own connection, and
// small HTTP helpers. Every node is stopped in t.after, also when the test fails. Each node has an
// access store on its leaf with one API token of every scope; postJson and getJson send it to that
// node's URL unless the call brings its own credentials (or `anonymous`), as an attacker would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '../../services/core/logging/mod.ts';
import type { StateCode } from '../../services/core/member-states.ts';
import type { KeyLookup, SigningKey } from '../../services/core/signing/mod.ts';
import { AccessStore, type OfficerRole } from '../../services/node-access/mod.ts';
import { startNodeHttp, startNodeService, type NodeServiceOptions, type RunningNode, type RunningNodeHttp } from '../../services/node/mod.ts';
import { openAuditTrail, type AuditTrail } from '../../services/audit/mod.ts';
import { trailRecorder } from '../../services/node/audit-recorder.ts';
import type { OidcRouteSettings } from '../../services/node/http/oidc-routes.ts';
import { TEST_SCRYPT } from './memory-access.ts';
import type { HubFixture } from './hub-fixture.ts';

export interface TestNode {
  readonly state: StateCode;
  readonly node: RunningNode;
  readonly http: RunningNodeHttp;
  readonly url: string;
  readonly nc: NatsConnection;
  /** The node's data folder (its SQLite store); the same for every start of this state on this fixture. */
  readonly dataDir: string;
  readonly access: AccessStore;
  readonly trail: AuditTrail;
  /** An API token with scopes submit, read and acknowledge. */
  readonly token: string;
  /** Adds a local officer account and signs it in; returns the session cookie ("name=value"). */
  signInAs(officerRef: string, role: OfficerRole, unit?: string): Promise<string>;
  stop(): Promise<void>;
}

const tokensByOrigin = new Map<string, string>();
export const TEST_PASSWORD = 'test password for officers';

export interface TestNodeOptions {
  /** Default: the fixture's directory; a LiveKeyDirectory makes the node follow the hub's signed one. */
  readonly directory?: KeyLookup;
  readonly keyDirectoryRefreshMs?: number;
  readonly deadlines?: NodeServiceOptions['deadlines'];
  readonly clockTickMs?: number;
  readonly now?: () => number;
  readonly officerFeedInactiveMs?: number;
  readonly maxOpenFeedsPerCaller?: number;
  readonly oidc?: OidcRouteSettings;
  /** Default: the fixture's matching key; a function gives the keys in use now (a node following its key file). */
  readonly matchingKey?: NodeServiceOptions['matchingKey'];
}

/**
 * A node's data folder, one per hub fixture and state: a node started again on the same fixture
 * (a restart) finds its store as it left it, as a state's node would on its own premises. Removed
 * after the test that first started the node.
 */
const dataDirs = new WeakMap<HubFixture, Map<StateCode, string>>();

function dataDirFor(t: TestContext, fixture: HubFixture, state: StateCode): string {
  const byState = dataDirs.get(fixture) ?? new Map<StateCode, string>();
  dataDirs.set(fixture, byState);
  const known = byState.get(state);
  if (known) return known;
  const dir = mkdtempSync(join(tmpdir(), `tipnet-node-${state}-`));
  byState.set(state, dir);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** How long one step of a test node's stop may take before the cleanup moves on. */
const STOP_STEP_MS = 10_000;

async function bounded(what: string, step: Promise<unknown> | undefined): Promise<void> {
  if (!step) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`test cleanup: ${what} did not stop within ${STOP_STEP_MS / 1000} s; going on`);
      resolve();
    }, STOP_STEP_MS);
    timer.unref();
  });
  await Promise.race([step.then(() => undefined, () => undefined), late]);
  clearTimeout(timer);
}

export async function startTestNode(t: TestContext, fixture: HubFixture, state: StateCode, options: TestNodeOptions = {}): Promise<TestNode> {
  const nc = await connect({ ...fixture.topology.leafConnectOptions(state), name: `${state} node service`, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  let node: RunningNode | undefined;
  let http: RunningNodeHttp | undefined;
  let trail: AuditTrail | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Each step is bounded: when the servers are already gone (the hub fixture's cleanup ran
    // first), a step that waits on them must not hold the test's cleanup forever.
    await bounded(`${state} node HTTP`, http?.close());
    await bounded(`${state} audit trail`, trail?.close());
    await bounded(`${state} node service`, node?.stop());
    await bounded(`${state} connection`, nc.close());
  };
  t.after(stop);
  // The fixture's cleanup runs first (hooks run in the order registered): the node must stop before the servers it talks to.
  fixture.beforeStop(`stop ${state}'s test node`, stop);
  const logger = createLogger({ service: 'node', state, level: 'silent' });
  const dataDir = dataDirFor(t, fixture, state);
  node = await startNodeService({
    state, nc, logger, dataDir,
    signingKey: fixture.keys[state] as SigningKey,
    directory: options.directory ?? fixture.directory,
    matchingKey: options.matchingKey ?? fixture.matchingKey,
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    ...(options.clockTickMs ? { clockTickMs: options.clockTickMs } : {}),
    ...(options.keyDirectoryRefreshMs ? { keyDirectoryRefreshMs: options.keyDirectoryRefreshMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.officerFeedInactiveMs ? { officerFeedInactiveMs: options.officerFeedInactiveMs } : {}),
  });
  const access = await AccessStore.open(nc, { scrypt: TEST_SCRYPT });
  trail = await openAuditTrail(nc, { state, signingKey: fixture.keys[state] as SigningKey, logger });
  http = await startNodeHttp({ node, logger, access, audit: trailRecorder(trail, logger), oidc: options.oidc, ...(options.maxOpenFeedsPerCaller ? { maxOpenFeedsPerCaller: options.maxOpenFeedsPerCaller } : {}) });
  const { token } = await access.addToken({ name: `${state} test system`, unit: `${state}-CASES`, scopes: ['submit', 'read', 'acknowledge'] });
  tokensByOrigin.set(new URL(http.url).origin, token);
  const url = http.url;
  async function signInAs(officerRef: string, role: OfficerRole, unit = `${state}-NCB`): Promise<string> {
    if (!(await access.officer(officerRef))) await access.addOfficer({ officerRef, role, unit, password: TEST_PASSWORD });
    const response = await fetch(`${url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ officer: officerRef, password: TEST_PASSWORD }) });
    if (response.status !== 200) throw new Error(`sign-in of ${officerRef} answered ${response.status}`);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  return { state, node, http, url, nc, dataDir, access, trail, token, signInAs, stop };
}

export interface JsonAnswer<T = any> {
  readonly status: number;
  readonly body: T;
}

/** The node's test token for its URL, unless the caller brings credentials or asks for none. */
export function withNodeCredentials(url: string, headers: Record<string, string>, anonymous = false): Record<string, string> {
  const token = tokensByOrigin.get(new URL(url).origin);
  if (anonymous || !token || 'authorization' in headers || 'cookie' in headers) return headers;
  return { ...headers, authorization: `Bearer ${token}` };
}

export async function postJson<T = any>(url: string, body: unknown, headers: Record<string, string> = {}, anonymous = false): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: withNodeCredentials(url, { 'content-type': 'application/json', ...headers }, anonymous),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function getJson<T = any>(url: string, headers: Record<string, string> = {}, anonymous = false): Promise<JsonAnswer<T>> {
  const response = await fetch(url, { headers: withNodeCredentials(url, headers, anonymous) });
  return { status: response.status, body: (await response.json()) as T };
}
