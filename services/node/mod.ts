// Public entry of the member-state node, used by the drill, the CLI and the tests. Exports the
// node service and its HTTP API, the process entry (runNode), its configuration, feed filters,
// reply deadlines and escalation, message summaries and receipt status, a case's link graph (types), the node's events and
// errors, and the inbox and submission primitives the drill shares.
export { startNodeService, type NodeServiceOptions, type RunningNode, type SubmitResult, type SubmitOptions, type AcknowledgeStatus, type Actor, type ReceivedMessage } from './node-service.ts';
export { startNodeHttp, buildNodeHttp, nodeOpenApiText, type NodeHttpOptions, type RunningNodeHttp } from './http/node-http.ts';
export type { NodeApi } from './http/node-api.ts';
export { openApiDocument } from './http/openapi.ts';
export { runNode, runNodeUntilSignalled, type RunningNodeProcess } from './main.ts';
export { nodeConfigSchema, readNodeConfig, type NodeConfig } from './node-config.ts';
export { followMatchingKeyFile, DEFAULT_MATCHING_KEY_REREAD_MS, type MatchingKeyFollower } from './matching-key-follower.ts';
export { FEED_ROLES, EMPTY_FEED_FILTER, matchesFeedFilter, parseFeedFilter, feedFilterQuery, type FeedFilter, type FeedRole } from './feed-filter.ts';
export { replyDeadlines, replyDeadlineFor, dueList, type DueItem, type DueList, type ReplyDeadlines } from './deadlines.ts';
export { prepareReminder } from './escalation.ts';
export { summariseMessage, type MessageSummary, type RouteLegSummary, type AcknowledgementSummary } from './message-summary.ts';
export { messageStatus, type MessageStatus, type RecipientStatus, type RecipientStage, type AcknowledgedBy } from './receipt-status.ts';
export { NodeEvents, type FeedItem, type FeedEventName, type RejectedEvent, type NodeEventMap } from './node-events.ts';
export { NodeRequestError, NODE_ERROR_CODES, type NodeErrorCode } from './node-errors.ts';
export { prepareSubmission, prepareOwnMessage, type PreparedSubmission, type SubmissionContext } from './prepare-submission.ts';
export { prepareAcknowledgement, type AnsweredMessage, type OwnAcknowledgement, type ReplyContext } from './node-replies.ts';
export type { OfficerFeed } from './officer-feed.ts';
export { ensureInbox, openInboxReader } from './inbox.ts';
export { keptDirectoryFile, DEFAULT_DIRECTORY_REFRESH_MS } from './key-directory-follower.ts';
export { openDelivery, type OpenedDelivery } from './open-delivery.ts';
export { publishSubmission } from './publish-submission.ts';
export { NodeStore } from './node-store.ts';
export { nodeQueries, type NodeQueries } from './node-queries.ts';
export type { CaseLinks, CounterpartLink, HitFollowUp, HitVia, LinkedCase } from './links/case-links.ts';
export { parseInboxQuery } from './workbench/inbox-query.ts';
export type { InboxQuery, InboxPage, InboxItem, MessageDetail, CaseThread, DeadlineView, AnswerView } from './workbench/workbench-views.ts';
