// A node's side of the live key directory: it takes the hub operator's signed directory from the
// hub (announced on tip.v1.keys.published, fetched on tip.v1.keys.current at start and every
// refresh interval, which also covers announcements missed while the leaf link was down),
// applies only what the pinned operator key signed and is newer (LiveKeyDirectory), and keeps
// the applied version in its data folder so a restart starts from it. The hub is not trusted
// with the content: a directory it cannot sign is refused here whatever the hub says.
import { join } from 'node:path';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { decodeSignedDirectory, type KeyLookup, LiveKeyDirectory, type Logger, subjects, writeSignedDirectory } from '../core/mod.ts';

/** The applied directory, in the node's data folder. */
export function keptDirectoryFile(dataDir: string): string {
  return join(dataDir, 'key-directory.json');
}

export const DEFAULT_DIRECTORY_REFRESH_MS = 30_000;
const REQUEST_TIMEOUT_MS = 5_000;

export interface KeyDirectoryFollowerOptions {
  readonly nc: NatsConnection;
  readonly live: LiveKeyDirectory;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly refreshMs?: number | undefined;
}

export interface KeyDirectoryFollower {
  /** Asks the hub for its current directory and applies it if newer; never throws. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export function startKeyDirectoryFollower(options: KeyDirectoryFollowerOptions): KeyDirectoryFollower {
  // Offers are applied and kept one at a time, so the file always holds the newest applied version.
  let chain = Promise.resolve();
  const take = (bytes: Uint8Array, source: string) => {
    chain = chain.then(() => apply(bytes, source, options)).catch((error: unknown) => {
      options.logger.warn({ err: error, source }, 'key directory update not applied');
    });
    return chain;
  };
  const announcements = options.nc.subscribe(subjects.keyDirectoryPublished());
  const listening = listen(announcements, take);
  const refresh = async () => {
    try {
      const reply = await options.nc.request(subjects.keyDirectoryCurrent(), new Uint8Array(), { timeout: REQUEST_TIMEOUT_MS });
      if (reply.data.byteLength > 0) await take(reply.data, 'request');
    } catch (error) {
      // The hub or the leaf link is away: the next refresh tries again.
      options.logger.debug({ err: error }, 'key directory not fetched from the hub');
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), options.refreshMs ?? DEFAULT_DIRECTORY_REFRESH_MS);
  timer.unref();
  return {
    refresh,
    async stop() {
      clearInterval(timer);
      announcements.unsubscribe();
      await listening;
      await chain;
    },
  };
}

/** A follower for a live directory; none for a plain one, which stays as it was read. */
export function followLiveDirectory(directory: KeyLookup, options: Omit<KeyDirectoryFollowerOptions, 'live'>): KeyDirectoryFollower | undefined {
  if (!(directory instanceof LiveKeyDirectory)) return undefined;
  return startKeyDirectoryFollower({ ...options, live: directory, logger: options.logger.child({ component: 'key-directory' }) });
}

async function listen(announcements: Subscription, take: (bytes: Uint8Array, source: string) => Promise<void>): Promise<void> {
  for await (const message of announcements) await take(message.data, 'announcement');
}

async function apply(bytes: Uint8Array, source: string, options: KeyDirectoryFollowerOptions): Promise<void> {
  const candidate = decodeSignedDirectory(bytes, `key directory (${source})`);
  const verdict = options.live.offer(candidate);
  if (verdict.kind === 'refuse') {
    const level = verdict.refusal === 'NOT_NEWER' ? 'debug' : 'warn';
    options.logger[level]({ refusal: verdict.refusal, detail: verdict.detail, source }, 'key directory update refused');
    return;
  }
  await writeSignedDirectory(keptDirectoryFile(options.dataDir), candidate);
  options.logger.info({ version: candidate.version, keys: candidate.keys.length, source }, 'key directory applied');
}

