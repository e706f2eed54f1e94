// Drill control: it steers an exercise, so it always travels as exercise traffic of its own drill.
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { v1 } from '../proto.ts';
import type { PayloadContext } from './payload-context.ts';
import { enumSet, optionalText, reportDuplicates, requiredText, stateCode, unixMs } from './proto-fields.ts';

const ACTION = v1.DrillControlAction;

/**
 * START names the participants and the scenario (participants learn what to expect);
 * INJECT_FAULT describes the fault in note (participants must know what is simulated).
 */
export function drillControlSchema(context: PayloadContext) {
  return z.object({
    drillId: requiredText(LIMITS.maxShortTextChars),
    action: enumSet(ACTION, 'DrillControlAction'),
    participants: z.array(stateCode()).max(LIMITS.maxRecipients),
    scenario: optionalText(LIMITS.maxShortTextChars),
    note: optionalText(LIMITS.maxReasonChars, { multiline: true }),
    drillTimeUnixMs: unixMs,
    endsAtUnixMs: unixMs,
  }).superRefine((control, ctx) => {
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (!context.envelope.exercise) report([], 'travels only as exercise traffic (the envelope\'s exercise must be true)');
    else if (control.drillId !== context.envelope.drillId) report(['drillId'], "must equal the envelope's drill_id");
    reportDuplicates(control.participants, ctx, ['participants'], (state) => `state ${state}`);
    if (control.action === ACTION.DRILL_CONTROL_ACTION_START) {
      if (control.participants.length === 0) report(['participants'], 'must list at least one state for DRILL_CONTROL_ACTION_START');
      if (control.scenario.trim() === '') report(['scenario'], 'is required for DRILL_CONTROL_ACTION_START');
      if (control.endsAtUnixMs !== 0 && control.endsAtUnixMs <= Number(context.envelope.createdAtUnixMs)) report(['endsAtUnixMs'], 'must be after the envelope\'s created_at (or 0: open until END)');
    } else if (control.endsAtUnixMs !== 0) {
      report(['endsAtUnixMs'], 'is set only on DRILL_CONTROL_ACTION_START');
    }
    if (control.action === ACTION.DRILL_CONTROL_ACTION_INJECT_FAULT && control.note.trim() === '') {
      report(['note'], 'must describe the fault for DRILL_CONTROL_ACTION_INJECT_FAULT');
    }
  });
}
