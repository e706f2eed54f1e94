// What a liaison officer wants to see, as a pure predicate over message summaries. An empty list
// means "any"; the lists combine with AND, the values inside one list with OR. States match as
// the roles asked for: a leg of the alert's route (origin, transit, destination) or the sender.
import { z } from 'zod';
import { CASE_REFERENCE, InputValidationError, parseWithProblems, stateCodeInputSchema } from '../core/mod.ts';
import type { MessageSummary } from './message-summary.ts';

export const FEED_ROLES = ['origin', 'transit', 'destination', 'sender'] as const;
export type FeedRole = (typeof FEED_ROLES)[number];

export interface FeedFilter {
  readonly states: readonly string[];
  /** How the states must take part; empty means any role. */
  readonly roles: readonly FeedRole[];
  /** Payload names ("assistance-request") or kinds ("rescue-request"). */
  readonly kinds: readonly string[];
  readonly priorities: readonly string[];
  readonly handling: readonly string[];
  readonly caseReference?: string | undefined;
  readonly traffic?: 'real' | 'exercise' | undefined;
}

export const EMPTY_FEED_FILTER: FeedFilter = Object.freeze({ states: [], roles: [], kinds: [], priorities: [], handling: [] });

type FilterSubject = Pick<MessageSummary, 'sender' | 'route' | 'payloadName' | 'kind' | 'priority' | 'handling' | 'caseReference' | 'traffic'>;

export function matchesFeedFilter(summary: FilterSubject, filter: FeedFilter): boolean {
  if (filter.traffic && summary.traffic !== filter.traffic) return false;
  if (filter.caseReference && summary.caseReference !== filter.caseReference) return false;
  if (filter.kinds.length > 0 && !filter.kinds.includes(summary.kind) && !filter.kinds.includes(summary.payloadName)) return false;
  if (filter.priorities.length > 0 && !filter.priorities.includes(summary.priority)) return false;
  if (filter.handling.length > 0 && !filter.handling.includes(summary.handling)) return false;
  if (filter.states.length > 0 && !statesTakePart(summary, filter)) return false;
  return true;
}

function statesTakePart(summary: FilterSubject, filter: FeedFilter): boolean {
  const roles = filter.roles.length > 0 ? filter.roles : FEED_ROLES;
  return filter.states.some((state) =>
    (roles.includes('sender') && summary.sender === state)
    || summary.route.some((leg) => leg.state === state && roles.includes(leg.role)));
}

/** "IDN,KHM" and repeated parameters both give a list; blanks are dropped. */
const list = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((value) => {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return values.flatMap((entry) => String(entry).split(',')).map((entry) => entry.trim()).filter(Boolean);
  }, z.array(item));

const word = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case word such as "rescue-request"');

export const feedFilterSchema = z.object({
  states: list(stateCodeInputSchema),
  roles: list(z.enum(FEED_ROLES)),
  kinds: list(word),
  priorities: list(z.enum(['immediate', 'urgent', 'routine'])),
  handling: list(z.enum(['clear', 'green', 'amber', 'amber-strict', 'red'])),
  caseReference: z.string().trim().regex(CASE_REFERENCE, 'must look like "IDN-2026-000123"').optional(),
  traffic: z.enum(['real', 'exercise']).optional(),
});

/** From URL query parameters (`?states=IDN&roles=destination&kinds=rescue-request`); every problem at once. */
export function parseFeedFilter(params: URLSearchParams): FeedFilter {
  const raw: Record<string, string[] | string> = {};
  for (const key of Object.keys(feedFilterSchema.shape)) {
    const values = params.getAll(key);
    if (values.length > 0) raw[key] = key === 'caseReference' || key === 'traffic' ? values[0] ?? '' : values;
  }
  const result = parseWithProblems(feedFilterSchema, raw);
  if (!result.ok) throw new InputValidationError('feed filter', result.problems);
  return Object.freeze(result.data);
}

/** The query string for a filter: what the CLI and the dashboard send. */
export function feedFilterQuery(filter: Partial<FeedFilter>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['states', 'roles', 'kinds', 'priorities', 'handling'] as const) {
    const values = filter[key];
    if (values && values.length > 0) params.set(key, values.join(','));
  }
  if (filter.caseReference) params.set('caseReference', filter.caseReference);
  if (filter.traffic) params.set('traffic', filter.traffic);
  return params;
}
