// What the drill needs from a state's node, whether it runs in the drill's own process (the
// self-contained drill) or is a state's node reached over its HTTP API (`--against`): submit as the
// state's national system, read a sent message's receipts, acknowledge as an officer, export.
// Deliveries and escalations arrive through `onFeed`.
import { InputValidationError } from '../core/mod.ts';
import type { Actor, FeedItem, MessageStatus, RunningNode } from '../node/mod.ts';

export interface DrillExportQuery {
  readonly includeExercise: boolean;
}

export interface DrillNode {
  readonly state: string;
  submit(request: Record<string, unknown>, options?: { readonly idempotencyKey?: string }): Promise<{ readonly messageId: string }>;
  /** Receipts of a message this node sent; undefined when the node does not know it (yet). */
  status(messageId: string): Promise<MessageStatus | undefined>;
  acknowledge(messageId: string, status: 'read' | 'actioned', actor: Actor): Promise<unknown>;
  exportStix(query: DrillExportQuery): Promise<unknown>;
  exportMisp(query: DrillExportQuery): Promise<unknown>;
}

/**
 * The node refused the request for what it is (bad input, a conflict, a rule): trying again with
 * the same request cannot help, unlike a node that is down or busy.
 */
export class DrillNodeRefusal extends Error {
  override readonly name = 'DrillNodeRefusal';
  constructor(readonly state: string, readonly status: number, readonly code: string, message: string) {
    super(`${state}'s node refused: ${code}: ${message}`);
  }
}

export function isFinalRefusal(error: unknown): boolean {
  return error instanceof InputValidationError || error instanceof DrillNodeRefusal;
}

/** A node running in the drill's process. */
export function inProcessDrillNode(node: RunningNode): DrillNode {
  return {
    state: node.state,
    submit: (request, options) => node.submit(request, options),
    status: async (messageId) => node.status(messageId),
    acknowledge: (messageId, status, actor) => node.acknowledge(messageId, status, actor),
    exportStix: async (query) => node.exportStix(query),
    exportMisp: async (query) => node.exportMisp(query),
  };
}

export type FeedListener = (item: FeedItem) => void;
