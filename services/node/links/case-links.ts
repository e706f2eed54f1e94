// A case's links: the hits the hub reported on this state's own messages of the case (each naming
// a counterpart state and a hit id, nothing more), the follow-up requests sent or received about
// each hit, and this state's other own cases that carry the same keyed identifiers. Pure: rows the
// store read in, a sorted graph out. Nothing of another state's messages enters: the hub never
// tells a counterpart's message id, case or content, and nothing here derives one from what a
// counterpart sent.

/** How the counterpart came to be linked to our message. */
export type HitVia = 'report' | 'query-by-them' | 'query-by-us';

/** One of this state's own sent messages of the case. */
export interface CaseLinkMessage {
  readonly messageId: string;
  readonly payloadName: string;
  readonly createdAtUnixMs: number;
}

/** An assistance request that follows up a hit (`followsUpHitId`), sent or received. */
export interface HitFollowUp {
  readonly messageId: string;
  readonly direction: 'sent' | 'received';
  readonly atUnixMs: number;
}

/** One hit: a counterpart state holds an identifier our message of the case carried (or asked about). */
export interface CounterpartLink {
  readonly hitId: string;
  readonly counterpartState: string;
  readonly via: HitVia;
  /** Our own message the hit concerns: the report, alert or request, or our query. */
  readonly ourMessageId: string;
  readonly identifierKind?: string;
  readonly matchedIdentifiers?: number;
  readonly atUnixMs: number;
  readonly exercise: boolean;
  readonly followUps: readonly HitFollowUp[];
}

/** Another of this state's own cases whose messages carry some of the same keyed identifiers. */
export interface LinkedCase {
  readonly caseReference: string;
  readonly sharedIdentifiers: number;
  readonly identifierKinds: readonly string[];
}

export interface CaseLinks {
  readonly caseReference: string;
  readonly messages: readonly CaseLinkMessage[];
  readonly counterparts: readonly CounterpartLink[];
  readonly linkedCases: readonly LinkedCase[];
}

/** A hit notice the hub sent us about one of our messages. */
export interface HitNoticeRow {
  readonly hitId: string;
  readonly counterpartState: string;
  readonly yourMessageId: string;
  readonly identifierKind: string;
  readonly matchedIdentifiers: number;
  readonly detectedAtUnixMs: number;
  readonly fromQuery: boolean;
  readonly exercise: boolean;
}

/** The hub's answer to a hit/no-hit query we sent. */
export interface QueryAnswerRow {
  readonly queryMessageId: string;
  readonly answeredAtUnixMs: number;
  readonly exercise: boolean;
  readonly results: ReadonlyArray<{ readonly identifierKind: string; readonly hits: ReadonlyArray<{ readonly counterpartState: string; readonly hitId: string }> }>;
}

/** A follow-up request as the store finds it: the hit id it names, and the request. */
export interface FollowUpRow extends HitFollowUp {
  readonly hitId: string;
}

/**
 * One keyed identifier carried by one of our own sent messages: `key` is its sighting key (kind,
 * matching-key id and digest, hashed), `traffic` its traffic class (exercise traffic never links
 * to real traffic, as at the hub).
 */
export interface OwnIdentifierRow {
  readonly caseReference: string;
  readonly traffic: string;
  readonly identifierKind: string;
  readonly key: string;
  /** The matching key id of its digest (absent in callers of older releases: one key). */
  readonly hashKeyId?: string;
}

export interface CaseLinkInput {
  readonly ownState: string;
  readonly caseReference: string;
  readonly messages: readonly CaseLinkMessage[];
  readonly hitNotices: readonly HitNoticeRow[];
  readonly queryAnswers: readonly QueryAnswerRow[];
  readonly followUps: readonly FollowUpRow[];
  /** Identifiers of our own sent reports, alerts, requests and queries, of every case. */
  readonly ownIdentifiers: readonly OwnIdentifierRow[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function fromNotices(notices: readonly HitNoticeRow[], ours: ReadonlySet<string>): Omit<CounterpartLink, 'followUps'>[] {
  return notices.filter((notice) => ours.has(notice.yourMessageId)).map((notice) => ({
    hitId: notice.hitId,
    counterpartState: notice.counterpartState,
    via: notice.fromQuery ? 'query-by-them' : 'report',
    ourMessageId: notice.yourMessageId,
    identifierKind: notice.identifierKind,
    matchedIdentifiers: notice.matchedIdentifiers,
    atUnixMs: notice.detectedAtUnixMs,
    exercise: notice.exercise,
  }));
}

/** One link per hit id of an answer: a counterpart holding several of the identifiers asked about is one hit. */
function fromQueryAnswers(answers: readonly QueryAnswerRow[], ours: ReadonlySet<string>): Omit<CounterpartLink, 'followUps'>[] {
  return answers.filter((answer) => ours.has(answer.queryMessageId)).flatMap((answer) => {
    const byHit = new Map<string, { counterpartState: string; identifierKind: string; matched: number }>();
    for (const result of answer.results) {
      for (const hit of result.hits) {
        const entry = byHit.get(hit.hitId);
        if (entry) entry.matched += 1;
        else byHit.set(hit.hitId, { counterpartState: hit.counterpartState, identifierKind: result.identifierKind, matched: 1 });
      }
    }
    return [...byHit].map(([hitId, entry]) => ({
      hitId, counterpartState: entry.counterpartState, via: 'query-by-us' as const, ourMessageId: answer.queryMessageId,
      identifierKind: entry.identifierKind, matchedIdentifiers: entry.matched, atUnixMs: answer.answeredAtUnixMs, exercise: answer.exercise,
    }));
  });
}

function counterpartsOf(input: CaseLinkInput): CounterpartLink[] {
  const ours = new Set(input.messages.map((message) => message.messageId));
  const seen = new Set<string>();
  // A hit is told once; a repeated notice (a redone hub step) is the same hit.
  const hits = [...fromNotices(input.hitNotices, ours), ...fromQueryAnswers(input.queryAnswers, ours)]
    .sort((a, b) => a.atUnixMs - b.atUnixMs || byText(a.hitId, b.hitId))
    .filter((hit) => !seen.has(hit.hitId) && Boolean(seen.add(hit.hitId)));
  return hits.map((hit) => ({
    ...hit,
    followUps: input.followUps.filter((followUp) => followUp.hitId === hit.hitId)
      .map(({ messageId, direction, atUnixMs }) => ({ messageId, direction, atUnixMs }))
      .sort((a, b) => a.atUnixMs - b.atUnixMs || byText(a.messageId, b.messageId)),
  }));
}

/**
 * Our other cases sharing identifiers with this one. Only references our own state issued (they
 * start with its code): a message of ours may carry another state's case reference (a request
 * about their case), and that reference is not ours to list.
 */
function linkedCasesOf(input: CaseLinkInput): LinkedCase[] {
  const matchKey = (row: OwnIdentifierRow) => `${row.traffic}\u0000${row.key}`;
  const here = new Set(input.ownIdentifiers.filter((row) => row.caseReference === input.caseReference).map(matchKey));
  const shared = new Map<string, Map<string, string>>();
  for (const row of input.ownIdentifiers) {
    if (row.caseReference === input.caseReference || !row.caseReference.startsWith(`${input.ownState}-`) || !here.has(matchKey(row))) continue;
    const keys = shared.get(row.caseReference) ?? new Map<string, string>();
    keys.set(matchKey(row), row.identifierKind);
    shared.set(row.caseReference, keys);
  }
  const keyIdOf = new Map(input.ownIdentifiers.map((row) => [matchKey(row), row.hashKeyId ?? '']));
  return [...shared].map(([caseReference, keys]) => ({
    caseReference, sharedIdentifiers: sharedUnderOneKey([...keys.keys()].map((key) => keyIdOf.get(key) ?? '')), identifierKinds: [...new Set(keys.values())].sort(byText),
  })).sort((a, b) => b.sharedIdentifiers - a.sharedIdentifiers || byText(a.caseReference, b.caseReference));
}

/**
 * Identifiers shared, from the key ids of the shared digests: during a matching key rotation's
 * overlap each identifier is held under two keys, so the count under one key is the count of
 * identifiers (as the hub counts them, services/router/hit-matching.ts).
 */
function sharedUnderOneKey(keyIds: readonly string[]): number {
  const byKeyId = new Map<string, number>();
  for (const keyId of keyIds) byKeyId.set(keyId, (byKeyId.get(keyId) ?? 0) + 1);
  return Math.max(0, ...byKeyId.values());
}

/** The graph of one case; undefined when this state sent nothing in it. */
export function caseLinks(input: CaseLinkInput): CaseLinks | undefined {
  if (input.messages.length === 0) return undefined;
  const messages = [...input.messages].sort((a, b) => a.createdAtUnixMs - b.createdAtUnixMs || byText(a.messageId, b.messageId));
  return { caseReference: input.caseReference, messages, counterparts: counterpartsOf(input), linkedCases: linkedCasesOf(input) };
}
