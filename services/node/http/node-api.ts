// What the HTTP layer needs of a running node (RunningNode provides it; unit tests give a small fake).
import type { RunningNode } from '../node-service.ts';

export type NodeApi = Pick<RunningNode,
  'state' | 'submit' | 'validate' | 'acknowledge' | 'status' | 'sent' | 'received' | 'receivedMessage' | 'due' | 'feed' | 'liveFeed' | 'inbox' | 'detail' | 'caseThread' | 'caseLinks'
  | 'exportStix' | 'exportMisp' | 'queryOutcome' | 'awaitQueryOutcome' | 'events'>;
