// The node's store at a year's volume: 50,000 received messages (real submissions, signed, with
// varied summaries and places) written through the store's own insert path, then the figures an
// officer feels: opening the store after a restart, the first inbox page, a free-text search, a
// filtered page sorted by deadline, timed in this process on the store alone; then a real node
// restart on that store: KHM's node service started against a local hub's KHM leaf (one hub server,
// no hub services), timed until it runs, and its first inbox page.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, generateSigningKey, type MatchingKey, type SigningKey } from '../core/mod.ts';
import { startLocalHub } from '../deployment/mod.ts';
import { NodeStore, nodeQueries, parseInboxQuery, prepareSubmission, replyDeadlines, startNodeService, type RunningNode } from '../node/mod.ts';

export interface StoreBenchResult {
  readonly messages: number;
  readonly fillSeconds: number;
  readonly fileMegabytes: number;
  /** Opening the store file again (a node restart's share of the store). */
  readonly openMs: number;
  /** The default first page (50 newest, unread for an officer), first call after opening. */
  readonly firstPageMs: number;
  /** The same page again, median of 5. */
  readonly pageMedianMs: number;
  /** Free text over headlines, summaries and places, page 1 with its total, median of 5. */
  readonly searchMs: number;
  readonly searchHits: number;
  /** Nationality and kind filters, sorted by deadline, median of 5. */
  readonly filteredMs: number;
  /** Overdue requests (the deadline index), median of 5. */
  readonly overdueMs: number;
  /** A node restart on this store: startNodeService on a running leaf, from the call until it resolves. */
  readonly nodeStartMs: number;
  /** The running node's first inbox page (unread for an officer), right after its start. */
  readonly nodeFirstPageMs: number;
}

const PLACES = ['Sihanoukville', 'Poipet', 'Bavet', 'Myawaddy', 'Shwe Kokko', 'Golden Triangle', 'Manila', 'Kampot', 'Phnom Penh', 'Mae Sot', 'Tachileik', 'Vientiane'];
const NATIONALITIES = ['IDN', 'MMR', 'VNM', 'PHL', 'THA', 'LAO', 'MYS'];
const HOOKS = ['a fake customer-service job advert', 'a recruiter on Telegram', 'a cousin abroad', 'a visa agent', 'an online dating contact', 'a call-centre vacancy'];
const ABUSES = ['forced to run online fraud', 'held without their passports', 'beaten for missing targets', 'sold between compounds', 'kept behind razor wire', 'made to work sixteen-hour shifts'];
const KINDS = ['rescue-request', 'missing-person', 'repatriation-notice', 'compound-location'];

/** A small deterministic generator, so two runs write the same messages. */
function chooser(seed: number): <T>(items: readonly T[]) => T {
  let state = seed;
  return (items) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return items[state % items.length]!;
  };
}

function alertJson(i: number, pick: ReturnType<typeof chooser>, nowMs: number): Record<string, unknown> {
  const place = pick(PLACES);
  const kind = pick(KINDS);
  const count = 1 + (i % 7);
  return {
    type: 'case-alert', senderUnit: 'POLRI-BARESKRIM', distribution: { mode: 'named', states: ['KHM'] }, handling: pick(['green', 'amber', 'amber']),
    priority: pick(['immediate', 'urgent', 'routine', 'routine']), caseReference: `IDN-2026-${String(100_000 + i).padStart(6, '0')}`,
    payload: {
      kind,
      summary: `${count} ${pick(NATIONALITIES)} nationals recruited through ${pick(HOOKS)} report being ${pick(ABUSES)} near ${place}.`,
      route: [{ state: 'IDN', role: 'origin', place: 'Medan' }, { state: 'KHM', role: 'destination', place }],
      victims: [{ count, ageBand: '18-24', gender: pick(['male', 'female']), nationality: pick(NATIONALITIES) }],
      location: { state: 'KHM', placeName: place },
      requestedActions: ['rescue'],
      ...(kind === 'rescue-request' ? { replyDeadline: new Date(nowMs + ((i % 48) - 24) * 3_600_000).toISOString() } : {}),
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

export async function measureNodeStore(messages: number, matchingKey: MatchingKey, progress: (line: string) => void): Promise<StoreBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-bench-store-'));
  try {
    const signingKey = generateSigningKey('IDN');
    const pick = chooser(20_261_204);
    const nowMs = Date.now();
    const context = { state: 'IDN', signingKey, matchingKey, deadlines: replyDeadlines(), nowMs: nowMs - 30 * 24 * 3_600_000 };
    let store = NodeStore.open(dir, 'KHM');
    const writing = store;
    const fill = performance.now();
    const batch = 1_000;
    for (let start = 0; start < messages; start += batch) {
      const prepared = Array.from({ length: Math.min(batch, messages - start) }, (_, offset) => prepareSubmission(alertJson(start + offset, pick, nowMs), context));
      writing.received.batch(() => {
        for (const [offset, message] of prepared.entries()) {
          const record = { messageId: message.summary.messageId, summary: message.summary, receivedAtUnixMs: nowMs - (messages - start - offset) * 600, streamSequence: start + offset + 1, acknowledged: {} };
          writing.received.insert(record, message.envelope);
        }
      });
      if ((start + batch) % 10_000 === 0) progress(`store: ${start + batch} messages written`);
    }
    const fillSeconds = (performance.now() - fill) / 1_000;
    store.close();

    const opened = timed(() => NodeStore.open(dir, 'KHM'));
    store = opened.value;
    const queries = nodeQueries('KHM', store, () => nowMs);
    const page = parseInboxQuery(new URLSearchParams('unread=true'));
    const first = timed(() => queries.inbox(page, 'sokha'));
    const repeat = (text: string) => {
      const query = parseInboxQuery(new URLSearchParams(text));
      const runs = Array.from({ length: 5 }, () => timed(() => queries.inbox(query, 'sokha')));
      return { ms: median(runs.map((run) => run.ms)), total: runs[0]?.value.total ?? 0 };
    };
    const search = repeat('q=sihanoukville passports');
    const result: Omit<StoreBenchResult, 'nodeStartMs' | 'nodeFirstPageMs'> = {
      messages,
      fillSeconds,
      fileMegabytes: statSync(join(dir, 'node-store.sqlite')).size / 1_048_576,
      openMs: opened.ms,
      firstPageMs: first.ms,
      pageMedianMs: repeat('unread=true').ms,
      searchMs: search.ms,
      searchHits: search.total,
      filteredMs: repeat('nationalities=MMR&kinds=rescue-request&sort=deadline&order=asc').ms,
      overdueMs: repeat('overdue=true&sort=deadline').ms,
    };
    store.close();
    progress('store: node restart on a local hub leaf');
    return { ...result, ...(await measureNodeRestart(dir, matchingKey, progress)) };
  } finally {
    if (!process.env.BENCH_KEEP_STORE) rmSync(dir, { recursive: true, force: true });
    else progress(`store kept in ${dir}`);
  }
}

/**
 * KHM's node service started on the filled store, as after a restart: a local hub with KHM's leaf
 * (its inbox already there), the node on the local hub's connection to that leaf as KHM's apps user. The store holds
 * received messages only; a start does not verify them, so the directory needs no IDN key.
 */
async function measureNodeRestart(dataDir: string, matchingKey: MatchingKey, progress: (line: string) => void): Promise<Pick<StoreBenchResult, 'nodeStartMs' | 'nodeFirstPageMs'>> {
  const local = await startLocalHub({ states: ['KHM'], hubNodes: 1, connectionName: (party) => `bench store ${party}` });
  let node: RunningNode | undefined;
  try {
    const nc = local.leaf('KHM');
    const start = performance.now();
    node = await startNodeService({
      state: 'KHM', nc, dataDir, matchingKey,
      signingKey: local.signingKeys.KHM as SigningKey,
      directory: local.directory,
      logger: createLogger({ service: 'node', state: 'KHM', level: 'silent' }),
    });
    const nodeStartMs = performance.now() - start;
    const running = node;
    const page = parseInboxQuery(new URLSearchParams('unread=true'));
    const first = timed(() => running.inbox(page, 'sokha'));
    if (first.value.items.length === 0) throw new Error('the restarted node shows no messages in its first inbox page');
    return { nodeStartMs, nodeFirstPageMs: first.ms };
  } finally {
    await node?.stop().catch(() => undefined);
    const failures = await local.stop();
    if (failures.length > 0) progress(`store: node restart cleanup: ${failures.join('; ')}`);
  }
}

export function renderStoreTable(result: StoreBenchResult): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    `Node store (SQLite), ${result.messages} received messages: written in ${result.fillSeconds.toFixed(1)} s, file ${result.fileMegabytes.toFixed(1)} MB`,
    `  open after restart           ${ms(result.openMs)}`,
    `  first inbox page (cold)      ${ms(result.firstPageMs)}`,
    `  inbox page (median of 5)     ${ms(result.pageMedianMs)}`,
    `  free-text search             ${ms(result.searchMs)}  (${result.searchHits} hits)`,
    `  filtered, sorted by deadline ${ms(result.filteredMs)}`,
    `  overdue requests             ${ms(result.overdueMs)}`,
    `  node restart (service start, ${result.messages.toLocaleString('en-US')} in store) ${ms(result.nodeStartMs)}`,
    `  node's first inbox page      ${ms(result.nodeFirstPageMs)}`,
  ].join('\n');
}
