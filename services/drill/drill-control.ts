// The drill controller's side of the hub's drill registry: the first participant starts the drill
// at the hub with a signed DrillControl START (the hub registers its participants, with no change
// to the hub services' configuration) and waits for the hub to have carried it before any
// participant sends, since exercise traffic of a drill the hub does not know yet is refused; and
// it ends the drill with END when the run is over, after which the hub refuses the drill's traffic.
import type { StateCode } from '../core/mod.ts';
import type { DrillNode } from './drill-node.ts';

/** How long the controller waits for the hub to carry a START or END (real ms). */
const HUB_VERDICT_WAIT_MS = 30_000;

export interface DrillControlSend {
  readonly controller: DrillNode;
  readonly drillId: string;
  readonly participants: readonly StateCode[];
}

/** Submits a control message and waits until the hub delivered it to every participant, or refused it (thrown). */
async function sendControl({ controller, drillId, participants }: DrillControlSend, payload: Record<string, unknown>): Promise<string> {
  const others = participants.filter((state) => state !== controller.state);
  const { messageId } = await controller.submit({
    type: 'drill-control', senderUnit: `${controller.state}-DRILL-CONTROL`, handling: 'green', priority: 'routine',
    distribution: { mode: 'named', states: others }, exercise: { drillId }, payload,
  });
  const deadline = Date.now() + HUB_VERDICT_WAIT_MS;
  for (;;) {
    const status = await controller.status(messageId);
    if (status?.rejection) throw new Error(`the hub refused the drill's ${String(payload.action)}: ${status.rejection.reasonCode}: ${status.rejection.reason}`);
    const delivered = status?.recipients.filter((recipient) => recipient.stage !== 'pending' && recipient.stage !== 'rejected').length ?? 0;
    if (delivered >= others.length) return messageId;
    if (Date.now() > deadline) throw new Error(`the hub did not carry the drill's ${String(payload.action)} within ${HUB_VERDICT_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** START: the hub registers the drill and its participants; resolves once every participant has it. */
export function startDrillAtHub(send: DrillControlSend, scenario: { readonly name: string; readonly description: string }): Promise<string> {
  return sendControl(send, { action: 'start', participants: [...send.participants], scenario: scenario.name, note: scenario.description.slice(0, 900) });
}

/** END: from now on the hub refuses the drill's traffic (DRILL_ENDED). */
export function endDrillAtHub(send: DrillControlSend): Promise<string> {
  return sendControl(send, { action: 'end', note: 'The drill is over; the hub takes none of its traffic any more.' });
}
