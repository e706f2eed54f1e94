// Liaison officers played by the drill: they read and act on what reaches their state, and answer
// assistance requests (or, for a share of them, do not), after the delays the scenario gives in
// drill time. They act through the state's node, as a real officer does through the dashboard,
// and sign their acknowledgements as one officer of the state's liaison unit (sim-<state>-1).
import type { StateCode } from '../core/mod.ts';
import type { Actor, FeedItem } from '../node/mod.ts';
import { isFinalRefusal, type DrillNode } from './drill-node.ts';
import type { ParticipantSpec } from './scenario-schema.ts';
import { SeededRandom } from './seeded-random.ts';

export interface OfficerOptions {
  readonly state: StateCode;
  readonly behaviour: ParticipantSpec['behaviour'];
  readonly speed: number;
  readonly seed: number;
  /** The state's node as it is now (it is replaced when a fault restarts it). */
  readonly node: () => DrillNode | undefined;
  readonly onError: (what: string, error: unknown) => void;
}

export interface OfficerStats {
  read: number;
  actioned: number;
  answered: number;
  /** Assistance requests and rescue requests this officer chose not to answer (the scenario's share). */
  leftUnanswered: number;
  /** Of those, the assistance requests (the report's deadlines are about these). */
  assistanceLeftUnanswered: number;
}

export class SimulatedOfficer {
  readonly stats: OfficerStats = { read: 0, actioned: 0, answered: 0, leftUnanswered: 0, assistanceLeftUnanswered: 0 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly random: SeededRandom;
  private readonly actor: Actor;
  private stopped = false;

  constructor(private readonly options: OfficerOptions) {
    this.random = new SeededRandom(options.seed);
    this.actor = { unit: `${options.state}-LIAISON`, officerRef: `sim-${options.state.toLowerCase()}-1` };
  }

  /** Called for each delivery the state's node reports. */
  onDelivery(item: FeedItem): void {
    const { summary } = item;
    // The hub's own messages (receipts, hit notices) are read on the dashboard, not acknowledged.
    if (summary.traffic !== 'exercise' || summary.sender === this.options.state || summary.sender === 'HUB') return;
    const wall = (drillMs: number) => drillMs / this.options.speed;
    // Officers do not all react at the same instant: between half and all of the allowed time.
    const jitter = () => 0.5 + this.random.next() * 0.5;
    if (summary.payloadName === 'acknowledgement' || summary.payloadName === 'assistance-response') return;
    this.later(wall(this.options.behaviour.readWithin) * jitter(), 'read', () => this.acknowledge(summary.messageId, 'read'));
    if (summary.payloadName === 'case-alert' || summary.payloadName === 'assistance-request') {
      this.later(wall(this.options.behaviour.actionWithin) * jitter(), 'actioned', () => this.acknowledge(summary.messageId, 'actioned'));
    }
    // A rescue request is owed by every state it reached, like an assistance request by the state it asks.
    const owed = (summary.payloadName === 'assistance-request' && summary.requestedState === this.options.state)
      || (summary.payloadName === 'case-alert' && summary.kind === 'rescue-request');
    if (owed) {
      if (this.random.chance(this.options.behaviour.answersAssistance)) {
        this.later(wall(this.options.behaviour.answerWithin) * jitter(), 'answer', () => this.answer(summary.messageId, summary.drillId, summary.sender));
      } else {
        this.stats.leftUnanswered += 1;
        if (summary.payloadName === 'assistance-request') this.stats.assistanceLeftUnanswered += 1;
      }
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async acknowledge(messageId: string, status: 'read' | 'actioned'): Promise<void> {
    await this.withNode((node) => node.acknowledge(messageId, status, this.actor));
    this.stats[status] += 1;
  }

  private async answer(requestId: string, drillId: string, requester: string): Promise<void> {
    await this.withNode((node) =>
      node.submit({
        type: 'assistance-response',
        senderUnit: `${this.options.state}-LIAISON`,
        distribution: { mode: 'named', states: [requester] },
        handling: 'amber',
        priority: 'immediate',
        inReplyTo: requestId,
        exercise: { drillId },
        payload: { requestMessageId: requestId, outcome: 'accepted', summary: 'Team dispatched to the site; victims will be moved to a shelter.' },
      }),
    );
    this.stats.answered += 1;
  }

  /** Retries while the node is down (a fault), as an officer would try again. */
  private async withNode(action: (node: DrillNode) => Promise<unknown>, attempt = 0): Promise<void> {
    const node = this.options.node();
    try {
      if (!node) throw new Error('node is down');
      await action(node);
    } catch (error) {
      if (this.stopped) return;
      if (attempt >= 60 || isFinalRefusal(error)) {
        this.options.onError(`${this.options.state} officer gave up`, error);
        return;
      }
      await new Promise((resolve) => this.later(500, 'retry', () => resolve(undefined)));
      await this.withNode(action, attempt + 1);
    }
  }

  private later(delayMs: number, what: string, run: () => Promise<unknown> | unknown): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      Promise.resolve(run()).catch((error: unknown) => this.options.onError(`${this.options.state} ${what}`, error));
    }, Math.max(0, delayMs));
    this.timers.add(timer);
  }
}
