// The benchmark's options, read once at the edge from argv (which wins) and the environment
// (BENCH_COUNT, ...), checked together, and handed back frozen.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BenchError, BenchErrorCode } from './bench-error.ts';
import { YEAR_2023_CASES } from './year-mix.ts';

export interface BenchOptions {
  /** Alerts per throughput batch, in every path. */
  readonly count: number;
  /** Alerts sent one at a time (window 1) for the unloaded latency figures. */
  readonly latencyCount: number;
  /** Alerts sent and discarded before each path is measured, to warm up JIT and interest. */
  readonly warmupCount: number;
  /** Hub cluster size: 3 as in production, or 1. */
  readonly hubNodes: 1 | 3;
  /** Alerts in flight at once in a throughput batch (end to end, or PubAcks for publish-only). */
  readonly concurrency: number;
  /**
   * Hub services instances (router and dispatcher each) sharing the durable consumers, as several
   * router processes would in production; 1 by default.
   */
  readonly hubServices: number;
  /** Where the JSON report goes. */
  readonly outFile: string;
  /** Deadline of each measured batch. */
  readonly phaseTimeoutMs: number;
  /** Received messages written into a node store for the store figures. */
  readonly storeMessages: number;
  /**
   * all (default); store: only the node store figures, no servers started; year: only the year
   * replay (also `--year`).
   */
  readonly only: 'all' | 'store' | 'year' | 'hit-index';
  /** Cases the year replay sends (2023's 44,521 by default). */
  readonly yearCases: number;
  /** Offered rates (alerts per second) for tipnet's open-loop latency; empty to skip. */
  readonly rates: readonly number[];
  /** How long each offered rate is sent for. */
  readonly rateSeconds: number;
  /** Identifiers recorded in the hub's hit index before a new report is matched; 0 to skip. */
  readonly hitIdentifiers: number;
  /** Alerts addressed to KHM while it is away, then drained (tipnet and bare); 0 to skip. */
  readonly catchUp: number;
  /** Length of the steady open-loop run whose RSS is sampled (at --memory-rate); 0 to skip. */
  readonly memorySeconds: number;
  readonly memoryRate: number;
}

const RATES_MESSAGE = 'must be whole rates per second from 1 to 10000, comma-separated, or none';

/** "50,200,500" into [50, 200, 500]; "none" or "" into []. */
const rateList = z
  .string()
  .transform((text) => (text.trim() === '' || text.trim() === 'none' ? [] : text.split(',').map((part) => Number(part.trim()))))
  .pipe(z.array(z.number({ error: RATES_MESSAGE }).int(RATES_MESSAGE).min(1, RATES_MESSAGE).max(10_000, RATES_MESSAGE)).max(10, 'at most 10 rates'));

const positive = (max: number) => z.coerce.number().int().min(1).max(max);

const optionsSchema = z.object({
  count: positive(1_000_000).default(2_000),
  latencyCount: positive(100_000).default(200),
  warmupCount: z.coerce.number().int().min(0).max(10_000).default(50),
  hubNodes: z.coerce.number().pipe(z.union([z.literal(1), z.literal(3)], { error: 'must be 1 or 3' })).default(3),
  concurrency: positive(10_000).default(32),
  hubServices: positive(16).default(1),
  outFile: z.string().min(1).default('bench-out/bench.json'),
  phaseTimeoutMs: positive(3_600_000).default(60_000),
  storeMessages: positive(1_000_000).default(50_000),
  only: z.enum(['all', 'store', 'year', 'hit-index']).default('all'),
  yearCases: positive(1_000_000).default(YEAR_2023_CASES),
  rates: rateList.default([50, 100, 200, 500]),
  rateSeconds: positive(600).default(3),
  hitIdentifiers: z.coerce.number().int().min(0).max(10_000_000).default(5_000),
  catchUp: z.coerce.number().int().min(0).max(1_000_000).default(20_000),
  memorySeconds: z.coerce.number().int().min(0).max(3_600).default(0),
  memoryRate: positive(10_000).default(100),
});

const FLAGS = {
  count: { flag: 'count', env: 'BENCH_COUNT' },
  latencyCount: { flag: 'latency-count', env: 'BENCH_LATENCY_COUNT' },
  warmupCount: { flag: 'warmup', env: 'BENCH_WARMUP' },
  hubNodes: { flag: 'hub-nodes', env: 'BENCH_HUB_NODES' },
  concurrency: { flag: 'concurrency', env: 'BENCH_CONCURRENCY' },
  hubServices: { flag: 'hub-services', env: 'BENCH_HUB_SERVICES' },
  outFile: { flag: 'out', env: 'BENCH_OUT' },
  phaseTimeoutMs: { flag: 'phase-timeout-ms', env: 'BENCH_PHASE_TIMEOUT_MS' },
  storeMessages: { flag: 'store-messages', env: 'BENCH_STORE_MESSAGES' },
  only: { flag: 'only', env: 'BENCH_ONLY' },
  yearCases: { flag: 'year-cases', env: 'BENCH_YEAR_CASES' },
  rates: { flag: 'rates', env: 'BENCH_RATES' },
  rateSeconds: { flag: 'rate-seconds', env: 'BENCH_RATE_SECONDS' },
  hitIdentifiers: { flag: 'hit-identifiers', env: 'BENCH_HIT_IDENTIFIERS' },
  catchUp: { flag: 'catch-up', env: 'BENCH_CATCH_UP' },
  memorySeconds: { flag: 'memory-seconds', env: 'BENCH_MEMORY_SECONDS' },
  memoryRate: { flag: 'memory-rate', env: 'BENCH_MEMORY_RATE' },
} as const satisfies Record<keyof BenchOptions, { flag: string; env: string }>;

export const BENCH_USAGE = `usage: npm run bench -- [--count N] [--latency-count N] [--warmup N] [--hub-nodes 1|3]
                        [--concurrency N] [--hub-services N] [--out FILE] [--phase-timeout-ms MS]
                        [--store-messages N] [--only all|store|year|hit-index] [--year] [--year-cases N]
                        [--rates R1,R2,...|none] [--rate-seconds S] [--hit-identifiers N] [--catch-up N]
                        [--memory-seconds S] [--memory-rate R]
each option can also be set as ${Object.values(FLAGS).map((f) => f.env).join(', ')}`;

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  let values: Record<string, string | undefined>;
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...Object.fromEntries(Object.values(FLAGS).map((f) => [f.flag, { type: 'string' as const }])), year: { type: 'boolean' as const } },
      strict: true,
      allowPositionals: false,
    });
    const { year, ...strings } = parsed.values as Record<string, string | boolean | undefined>;
    values = strings as Record<string, string | undefined>;
    // `--year` is `--only year` (the year replay alone); with another --only it is a contradiction.
    if (year === true) {
      if (values.only !== undefined && values.only !== 'year') throw new Error(`--year runs the year replay alone; it cannot be combined with --only ${values.only}`);
      values.only = 'year';
    }
  } catch (cause) {
    throw new BenchError(BenchErrorCode.invalidOptions, `${cause instanceof Error ? cause.message : String(cause)}\n${BENCH_USAGE}`, { cause });
  }
  const raw = Object.fromEntries(
    Object.entries(FLAGS).map(([key, source]) => [key, values[source.flag] ?? env[source.env]]),
  );
  const result = optionsSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path[0] as keyof typeof FLAGS;
      return `--${FLAGS[key]?.flag ?? String(key)}: ${issue.message}`;
    });
    throw new BenchError(BenchErrorCode.invalidOptions, `${problems.join('\n')}\n${BENCH_USAGE}`);
  }
  return Object.freeze(result.data);
}
