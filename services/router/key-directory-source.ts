// The hub's side of the live key directory. Each hub services instance watches TIP_KEY_DIRECTORY,
// applies a version only if the operator key pinned in its configuration signed it and it is
// newer (LiveKeyDirectory), announces what it applied on tip.v1.keys.published, and answers
// tip.v1.keys.current with the version it holds. A refused version is logged and changes nothing.
import type { KvWatchEntry } from '@nats-io/kv';
import type { Msg, NatsConnection, QueuedIterator, Subscription } from '@nats-io/transport-node';
import { decodeSignedDirectory, encodeSignedDirectory, type LiveKeyDirectory, type Logger, KEY_DIRECTORY_KEY, subjects } from '../core/mod.ts';
import { openKeyDirectoryBucket } from './key-directory-bucket.ts';

export interface KeyDirectorySourceOptions {
  readonly nc: NatsConnection;
  readonly live: LiveKeyDirectory;
  readonly replicas: number;
  readonly logger: Logger;
}

export interface RunningKeyDirectorySource {
  stop(): Promise<void>;
}

/** Instances answer in one queue group: one reply per request, whichever instance is nearest. */
const ANSWER_QUEUE = 'tipnet-hub-key-directory';

export async function startKeyDirectorySource(options: KeyDirectorySourceOptions): Promise<RunningKeyDirectorySource> {
  const kv = await openKeyDirectoryBucket(options.nc, options.replicas);
  const watcher = await kv.watch({ key: KEY_DIRECTORY_KEY });
  const answers = options.nc.subscribe(subjects.keyDirectoryCurrent(), { queue: ANSWER_QUEUE });
  const loops = [watchLoop(watcher, options), answerLoop(answers, options)];
  return {
    async stop() {
      watcher.stop();
      answers.unsubscribe();
      await Promise.all(loops);
    },
  };
}

async function watchLoop(watcher: QueuedIterator<KvWatchEntry>, options: KeyDirectorySourceOptions): Promise<void> {
  for await (const entry of watcher) {
    if (entry.operation !== 'PUT') continue;
    try {
      offerFromBucket(entry, options);
    } catch (error) {
      // A malformed value: logged, and the directory in use stays; the next put may be good.
      options.logger.warn({ err: error, revision: entry.revision }, 'key directory in the bucket is malformed; keeping the one in use');
    }
  }
}

function offerFromBucket(entry: KvWatchEntry, options: KeyDirectorySourceOptions): void {
  const candidate = decodeSignedDirectory(entry.value, `key directory revision ${entry.revision}`);
  const verdict = options.live.offer(candidate);
  if (verdict.kind === 'refuse') {
    // NOT_NEWER is routine (every instance sees every put, and a restart replays the last one).
    const level = verdict.refusal === 'NOT_NEWER' ? 'debug' : 'warn';
    options.logger[level]({ refusal: verdict.refusal, detail: verdict.detail, revision: entry.revision }, 'key directory update refused');
    return;
  }
  options.logger.info({ version: candidate.version, keys: candidate.keys.length, revision: entry.revision }, 'key directory applied');
  options.nc.publish(subjects.keyDirectoryPublished(), encodeSignedDirectory(candidate));
}

async function answerLoop(answers: Subscription, options: KeyDirectorySourceOptions): Promise<void> {
  for await (const request of answers) answer(request, options.live);
}

function answer(request: Msg, live: LiveKeyDirectory): void {
  const current = live.current();
  // Without a signed directory (a hub started from a plain file) there is nothing a node could verify.
  request.respond(current ? encodeSignedDirectory(current) : new Uint8Array());
}
