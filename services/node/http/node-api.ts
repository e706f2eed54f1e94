// What the HTTP layer needs of a running node (RunningNode provides it; unit tests give a small fake).
import type { AcknowledgeStatus, RunningNode } from '../node-service.ts';
import type { SubmitResult } from '../submitter.ts';

export interface SubmitCall {
  readonly idempotencyKey?: string;
  /** Idempotency keys live in the caller's own namespace. */
  readonly callerId?: string;
}

export interface ActingOfficer {
  readonly unit: string;
  readonly officerRef: string;
}

export type NodeApi = Pick<RunningNode, 'state' | 'status' | 'sent' | 'received' | 'receivedMessage' | 'due' | 'liveFeed'> & {
  submit(json: unknown, options?: SubmitCall): Promise<SubmitResult>;
  acknowledge(messageId: string, status: AcknowledgeStatus, actor?: ActingOfficer): Promise<SubmitResult>;
  feed: RunningNode['feed'];
};
