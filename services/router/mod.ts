// Public entry of the hub services (router and dispatcher), used by the CLI (`tipnet hub`), the
// local deployment, the bench and the tests. Exports the pure decision per submission and its
// parts (recipients, routing policy, replies, hit matching), the hub's receipts and hit notices,
// the message index, the router's ordering keys, the router and dispatcher services, the
// hub-services config and the process entry runHubServices.
export { decideSubmission, type Decision, type Delivery, type Rejection, type RouterContext, type SubmissionInput } from './decide-submission.ts';
export { resolveRecipients, routeOf } from './recipients.ts';
export { routingPolicy, type QueryRate, type RoutingPolicy } from './routing-policy.ts';
export { hubReceipt } from './receipts.ts';
export { HubMessageIds } from './hub-message-ids.ts';
export { contentDigest, envelopeDigest } from './content-digest.ts';
export { refusalAnswer, UNREADABLE_DRILL_ID } from './refusal-answer.ts';
export { ensureHubStreams } from './ensure-streams.ts';
export { followsEarlierMessages, orderingKeys } from './ordering-keys.ts';
export { hasLiveValue, leanRequests, publishExpectingNone, type LeanRequests, type Requests } from './lean-requests.ts';
export { ensureRouterConsumer, startRouter, type RouterOptions, type RouterStats, type RunningRouter } from './router-service.ts';
export { claimConflict, InMemoryMessageIndex, isWriteConflict, KvMessageIndex, withQuery, withSighting, type ClaimResult, type HitParty, type HitRecord, type IndexedMessage, type MessageIndex, type QueryWindow } from './message-index.ts';
export { referencedMessageId, replyRecipients } from './replies.ts';
export { inOrderWindow } from './in-order-window.ts';
export { ensureDispatcherConsumers, startDispatcher, type DispatcherOptions, type RunningDispatcher } from './dispatcher.ts';
export { startHubServices, type HubServicesOptions, type RunningHubServices } from './hub-services.ts';
export { findHits, isLive, keyedIdentifiersOf, mayReveal, sightingKey, type Hit, type IdentifierSighting } from './hit-matching.ts';
export { hubHitNotice, hubHitQueryAnswer } from './receipts.ts';
export { answeringSightings, planQueryAnswer, queryHitRecord, type QueryHit, type QueryPlan, type QueryScope } from './hit-query.ts';
export { checkFollowUp, type FollowUp } from './hit-follow-up.ts';
export { hubServicesConfigSchema, readHubServicesConfig, writeHubServicesConfig, type HubServicesConfig, type HubServicesConfigInput } from './hub-config.ts';
export { HUB_SERVICE_NAME } from './status-endpoint.ts';
export { runHubServices } from './main.ts';
export { openKeyDirectoryBucket, publishKeyDirectory } from './key-directory-bucket.ts';
export { startKeyDirectorySource, type RunningKeyDirectorySource } from './key-directory-source.ts';
