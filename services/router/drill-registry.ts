// Drills started at run time: a controller's signed START registers the drill (participants,
// scenario, time window) with the hub; only that controller steers and ends it; after END or the
// window, the drill's traffic is refused. Pure: the record and the message in, a judgement or the
// next record out. Drills configured on the hub (hub-services.json `drills`) are left as they are.
import { createHash } from 'node:crypto';
import { type DecodedPayload, type Envelope, RejectionError, type StateCode, v1 } from '../core/mod.ts';

const ACTION = v1.DrillControlAction;

/** What the hub keeps of a drill started at run time (TIP_MESSAGE_INDEX, drillKey). */
export interface DrillRecord {
  readonly drillId: string;
  readonly controller: string;
  /** The states named in START, and the controller. */
  readonly participants: readonly string[];
  readonly scenario: string;
  readonly status: 'running' | 'paused' | 'ended';
  readonly startMessageId: string;
  readonly startedAtUnixMs: number;
  /** 0: open until END. */
  readonly endsAtUnixMs: number;
  readonly endedAtUnixMs?: number;
  /** Every control message applied, so a redo changes nothing. */
  readonly controlMessageIds: readonly string[];
}

/** The index key of a drill: drill ids are free text, keys are not. */
export function drillKey(drillId: string): string {
  return `drill.${createHash('sha256').update(drillId, 'utf8').digest('hex').slice(0, 32)}`;
}

export interface DrillTraffic {
  readonly envelope: Envelope;
  readonly decoded: DecodedPayload;
  /** Participants when the hub's configuration names this drill; then the registry is not consulted. */
  readonly configured: readonly StateCode[] | undefined;
  readonly record: DrillRecord | undefined;
  /** States the hub operator allows to start drills. */
  readonly controllers: readonly StateCode[];
  readonly nowMs: number;
  /** Whether the hub already accepted this very message (a redo), asked only when the drill has ended. */
  readonly alreadyAccepted: () => Promise<boolean>;
}

export function isEnded(record: DrillRecord, nowMs: number): boolean {
  return record.status === 'ended' || (record.endsAtUnixMs > 0 && nowMs >= record.endsAtUnixMs);
}

/**
 * The participants an exercise message is routed among when the drill was started at run time,
 * undefined when the configuration (or nobody) knows the drill, so the recipient rules decide.
 * Throws NOT_A_DRILL_CONTROLLER, DRILL_ID_IN_USE or DRILL_ENDED.
 */
export async function drillParticipants(traffic: DrillTraffic): Promise<readonly string[] | undefined> {
  const { envelope, decoded, record } = traffic;
  if (traffic.configured) return undefined;
  const sender = envelope.senderState;
  const control = decoded.name === 'drill-control' ? decoded.message : undefined;
  if (control?.action === ACTION.DRILL_CONTROL_ACTION_START) {
    if (!traffic.controllers.includes(sender as StateCode)) {
      throw new RejectionError('NOT_A_DRILL_CONTROLLER', `${sender} is not allowed to start drills on this hub; its operator names the states that may`);
    }
    if (record && record.startMessageId !== envelope.messageId) {
      throw new RejectionError('DRILL_ID_IN_USE', `drill_id "${envelope.drillId}" was already started; a new drill needs a new id`);
    }
    return [...new Set([sender, ...control.participants])];
  }
  if (!record) return undefined;
  if (isEnded(record, traffic.nowMs) && !(await traffic.alreadyAccepted())) {
    const when = record.status === 'ended' ? 'its controller ended it' : 'its time window has passed';
    throw new RejectionError('DRILL_ENDED', `drill "${envelope.drillId}" has ended (${when}); the hub takes none of its traffic any more`);
  }
  if (control && sender !== record.controller) {
    throw new RejectionError('NOT_A_DRILL_CONTROLLER', `only the state that started drill "${envelope.drillId}" may steer or end it`);
  }
  return record.participants;
}

/** The record after a control message the hub accepted; undefined when nothing changes (a redo, or a configured drill). */
export function nextDrillRecord(record: DrillRecord | undefined, envelope: Envelope, decoded: DecodedPayload, nowMs: number): DrillRecord | undefined {
  if (decoded.name !== 'drill-control') return undefined;
  const control = decoded.message;
  if (record?.controlMessageIds.includes(envelope.messageId)) return undefined;
  if (control.action === ACTION.DRILL_CONTROL_ACTION_START) {
    if (record) return undefined;
    return {
      drillId: envelope.drillId, controller: envelope.senderState, participants: [...new Set([envelope.senderState, ...control.participants])],
      scenario: control.scenario, status: 'running', startMessageId: envelope.messageId, startedAtUnixMs: nowMs,
      endsAtUnixMs: Number(control.endsAtUnixMs), controlMessageIds: [envelope.messageId],
    };
  }
  if (!record) return undefined;
  const controlMessageIds = [...record.controlMessageIds, envelope.messageId];
  switch (control.action) {
    case ACTION.DRILL_CONTROL_ACTION_PAUSE: return { ...record, status: 'paused', controlMessageIds };
    case ACTION.DRILL_CONTROL_ACTION_RESUME: return { ...record, status: 'running', controlMessageIds };
    case ACTION.DRILL_CONTROL_ACTION_END: return { ...record, status: 'ended', endedAtUnixMs: nowMs, controlMessageIds };
    default: return { ...record, controlMessageIds };
  }
}
