// The inbox's query string (`?box=received&states=KHM&q=sihanoukville&sort=deadline`) as an
// InboxQuery: the feed filter's parameters plus paging, sorting and what only the stored inbox
// answers. Lists are comma-separated or repeated, as for the feed filter; every problem is
// reported at once, naming its parameter.
import { z } from 'zod';
import { InputValidationError, parseWithProblems, stateCodeInputSchema } from '../../core/mod.ts';
import { feedFilterSchema } from '../feed-filter.ts';
import { INBOX_SORTS, type InboxQuery } from './workbench-views.ts';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const list = (item: z.ZodType<string>) => z.preprocess((value) => {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((entry) => String(entry).split(',')).map((entry) => entry.trim()).filter(Boolean);
}, z.array(item));

export const inboxQuerySchema = feedFilterSchema.extend({
  box: z.enum(['received', 'sent', 'all']).default('received'),
  nationalities: list(stateCodeInputSchema),
  unread: flag.optional(),
  overdue: flag.optional(),
  q: z.string().max(200, 'must be at most 200 characters').optional(),
  sort: z.enum(INBOX_SORTS).default('time'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000).default(1),
  pageSize: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
});

const SINGLE_VALUED: ReadonlySet<string> = new Set(['caseReference', 'traffic', 'box', 'unread', 'overdue', 'q', 'sort', 'order', 'page', 'pageSize']);

/** Throws InputValidationError ("inbox query") naming each bad parameter. */
export function parseInboxQuery(params: URLSearchParams): InboxQuery {
  const raw: Record<string, string[] | string> = {};
  for (const key of Object.keys(inboxQuerySchema.shape)) {
    const values = params.getAll(key);
    if (values.length > 0) raw[key] = SINGLE_VALUED.has(key) ? values[0] ?? '' : values;
  }
  const result = parseWithProblems(inboxQuerySchema, raw);
  if (!result.ok) throw new InputValidationError('inbox query', result.problems);
  const { q, unread, overdue, ...rest } = result.data;
  const text = q?.trim();
  return Object.freeze({
    ...rest,
    ...(unread === undefined ? {} : { unread }),
    ...(overdue === undefined ? {} : { overdue }),
    ...(text ? { text } : {}),
  });
}
