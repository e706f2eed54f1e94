export { decideSubmission, type Decision, type Delivery, type Rejection, type RouterContext, type SubmissionInput } from './decide-submission.ts';
export { resolveRecipients, routeOf } from './recipients.ts';
export { routingPolicy, type RoutingPolicy } from './routing-policy.ts';
export { hubReceipt, receiptMessageId } from './receipts.ts';
export { ensureHubStreams } from './ensure-streams.ts';
export { ROUTER_CONSUMER, ensureRouterConsumer, startRouter, type RouterOptions, type RouterStats, type RunningRouter } from './router-service.ts';
