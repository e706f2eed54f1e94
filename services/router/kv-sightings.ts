// The hit index's sightings in the message-index bucket: one key per identifier and state, each
// state's own list written with compare-and-set on its own key, the others read from the router's
// mirror once it has caught up with the write (sighting-mirror.ts says why).
import type { KV } from '@nats-io/kv';
import type { IdentifierSighting } from './hit-matching.ts';
import { isWriteConflict, withSighting } from './sighting-lists.ts';
import { type RunningSightingMirror, type SlotEntry, sightingsIn, sightingSubject } from './sighting-mirror.ts';

export const SIGHTING_PREFIX = 'seen.';
const ATTEMPTS = 10;

export class KvSightings {
  constructor(private readonly kv: KV, private readonly mirror: RunningSightingMirror) {}

  /**
   * Records the sighting in its state's key and returns the other states' sightings of the
   * identifier, as the mirror holds them once it has seen this write (or, when nothing needed
   * writing, the state's own key as it stands).
   */
  async add(identifier: string, sighting: IdentifierSighting, nowMs: number): Promise<IdentifierSighting[]> {
    await this.mirror.loaded;
    const subject = sightingSubject(SIGHTING_PREFIX, identifier, sighting.state);
    let own = this.mirror.cache.slot(identifier, sighting.state);
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const next = withSighting(own ? sightingsIn(own) : [], sighting, nowMs);
      try {
        // Nothing to write (a redo, or the state holds it already): the mirror as of the state's own key.
        const revision = next === undefined ? own!.revision : await this.write(subject, JSON.stringify(next), own);
        await this.mirror.caughtUpTo(revision);
        return this.mirror.cache.sightingsOf(identifier, sighting.state);
      } catch (error) {
        // Another instance wrote this state's key first (or the mirror was behind): read it afresh.
        if (!isWriteConflict(error)) throw error;
        own = await this.read(identifier, sighting.state);
      }
    }
    throw new Error(`could not record an identifier sighting after ${ATTEMPTS} attempts (key ${identifier.slice(0, 12)}...)`);
  }

  /** Takes a retracted message's sightings out of whichever key holds them. */
  async remove(identifier: string, messageId: string): Promise<void> {
    await this.mirror.loaded;
    // The message may have been routed by another instance a moment ago.
    await this.mirror.caughtUpToNow();
    const holding = this.mirror.cache.slotsOf(identifier).filter((entry) => sightingsIn(entry).some((s) => s.messageId === messageId));
    await Promise.all(holding.map((entry) => this.removeFrom(identifier, entry.slot, messageId)));
  }

  /** Every sighting of the identifier stored before the call, whichever instance wrote it. */
  async of(identifier: string): Promise<IdentifierSighting[]> {
    await this.mirror.loaded;
    await this.mirror.caughtUpToNow();
    return this.mirror.cache.sightingsOf(identifier);
  }

  private async removeFrom(identifier: string, slot: string, messageId: string): Promise<void> {
    const subject = sightingSubject(SIGHTING_PREFIX, identifier, slot);
    let entry = this.mirror.cache.slot(identifier, slot);
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      if (!entry) return;
      const current = sightingsIn(entry);
      if (!current.some((s) => s.messageId === messageId)) return;
      try {
        // Once the mirror has it, this instance no longer answers with the retracted sighting.
        await this.mirror.caughtUpTo(await this.write(subject, JSON.stringify(current.filter((s) => s.messageId !== messageId)), entry));
        return;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        entry = await this.read(identifier, slot);
      }
    }
    throw new Error(`could not remove a retracted message's sighting after ${ATTEMPTS} attempts (key ${identifier.slice(0, 12)}...)`);
  }

  /** A compare-and-set write: a create where the key had no value, else an update at its revision. */
  private async write(subject: string, json: string, current: SlotEntry | undefined): Promise<number> {
    return current === undefined ? await this.kv.create(subject, json) : await this.kv.update(subject, json, current.revision);
  }

  private async read(identifier: string, slot: string): Promise<SlotEntry | undefined> {
    const entry = await this.kv.get(sightingSubject(SIGHTING_PREFIX, identifier, slot));
    return entry && entry.operation === 'PUT' ? { slot, revision: entry.revision, json: entry.string() } : undefined;
  }
}
