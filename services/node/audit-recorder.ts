// The node's audit trail as the HTTP layer records into it. Recording follows the action (so
// the entry says what happened); an entry the trail refuses or cannot store is logged as an
// error with its action and message id, and the answer to the caller goes out regardless, since
// the action itself already took place.
import type { AuditTrail } from '../audit/mod.ts';
import type { Logger } from '../core/mod.ts';
import type { AuditRecorder } from './http/http-types.ts';

export function trailRecorder(trail: AuditTrail, logger: Logger): AuditRecorder {
  return {
    async record(event) {
      try {
        await trail.append(event);
      } catch (error) {
        logger.error({ err: error, action: event.action, messageId: event.messageId }, 'audit entry not written');
      }
    },
    page: (query) => trail.page(query),
  };
}
