// Contract-shaped answers for the dashboard harness: an inbox of 130 received and a few sent
// messages, typed against the workbench view types, so the dashboard is built against the
// contract before the store behind it exists. Times are fixed relative to `nowMs`.
import type { CaseLinks } from '../../../services/node/mod.ts';
import type { MessageSummary } from '../../../services/node/message-summary.ts';
import type { CaseThread, InboxItem, MessageDetail } from '../../../services/node/workbench/workbench-views.ts';

export const KHM = 'KHM';
export const RESCUE_ID = '0a000000-0000-4000-8000-000000000001';
export const HIT_ID = '0a000000-0000-4000-8000-000000000002';
export const WITHDRAWN_ID = '0a000000-0000-4000-8000-000000000003';
export const SENT_ID = '0b000000-0000-4000-8000-000000000001';
export const REPORT_ID = '0a000000-0000-4000-8000-000000000004';
export const CORRECTED_ID = '0a000000-0000-4000-8000-000000000005';
export const REPLACEMENT_ID = '0a000000-0000-4000-8000-000000000006';
export const RESCUE_CASE = 'IDN-2026-000123';
/** KHM's own case of SENT_ID (the hit notice HIT_ID names it), and another own case sharing its e-wallet. */
export const SENT_CASE = 'KHM-2026-000045';
export const LINKED_CASE = 'KHM-2026-000046';
export const LINKED_SENT_ID = '0b000000-0000-4000-8000-000000000002';
export const HIT_REPORT = 'hit-5b0c7e2a9d14f3e6';
export const HIT_QUERY = 'hit-9e1d4c7a2b3f5a60';
export const FOLLOW_UP_ID = '0b000000-0000-4000-8000-000000000003';
const HOUR = 3_600_000;

export const idOf = (n: number): string => `0c000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function summaryOf(fields: Partial<MessageSummary> & Pick<MessageSummary, 'messageId'>): MessageSummary {
  return {
    payloadName: 'case-alert', kind: 'missing-person', sender: 'IDN', senderUnit: 'POLRI-BARESKRIM', recipients: [KHM],
    handling: 'amber', priority: 'routine', createdAtUnixMs: 0, expiresAtUnixMs: 0, caseReference: '', inReplyTo: '',
    traffic: 'real', drillId: '', route: [], headline: '', victimCount: 0, identifierCount: 0, locationName: '',
    replyDeadlineUnixMs: 0, requestedState: '', relatedMessageId: '', ...fields,
  };
}

export interface Fixtures {
  readonly items: InboxItem[];
  readonly details: Map<string, MessageDetail>;
  /** GET /api/cases/:ref/links answers; a case not here is 404 (this state sent nothing in it). */
  readonly links: Map<string, CaseLinks>;
}

export function workbenchFixtures(nowMs: number): Fixtures {
  const rescue: InboxItem = {
    messageId: RESCUE_ID, direction: 'received', atUnixMs: nowMs - 2 * HOUR, unread: true,
    summary: summaryOf({
      messageId: RESCUE_ID, kind: 'rescue-request', priority: 'immediate', handling: 'amber', caseReference: RESCUE_CASE,
      createdAtUnixMs: nowMs - 2 * HOUR, expiresAtUnixMs: nowMs + 72 * HOUR, recipients: ['THA', KHM],
      route: [{ state: 'IDN', role: 'origin', place: 'Medan' }, { state: 'THA', role: 'transit', place: 'Bangkok' }, { state: KHM, role: 'destination', place: 'Sihanoukville' }],
      headline: 'Three Indonesian nationals held in a scam compound in Sihanoukville',
      victimCount: 3, identifierCount: 2, locationName: 'Sihanoukville, KHM', replyDeadlineUnixMs: nowMs + 4 * HOUR,
    }),
    deadline: { atUnixMs: nowMs + 4 * HOUR, state: 'open', overdue: false, owedBy: ['THA', KHM], late: [] },
  };
  const hit: InboxItem = {
    messageId: HIT_ID, direction: 'received', atUnixMs: nowMs - 3 * HOUR, unread: true,
    summary: summaryOf({
      messageId: HIT_ID, payloadName: 'hit-notice', kind: 'hit-notice', sender: 'HUB', senderUnit: 'HUB', handling: 'amber', priority: 'urgent',
      createdAtUnixMs: nowMs - 3 * HOUR, headline: 'hit with MYS on 1 identifier(s)', relatedMessageId: SENT_ID, caseReference: 'KHM-2026-000045',
    }),
  };
  const withdrawn: InboxItem = {
    messageId: WITHDRAWN_ID, direction: 'received', atUnixMs: nowMs - 5 * HOUR, unread: false,
    summary: summaryOf({ messageId: WITHDRAWN_ID, kind: 'border-watch', sender: 'THA', senderUnit: 'RTP-ATHD', headline: 'Watch for a van at the Poipet crossing', createdAtUnixMs: nowMs - 5 * HOUR, caseReference: RESCUE_CASE }),
    withdrawn: { retractionMessageId: idOf(9001), reason: 'sent to the wrong states', atUnixMs: nowMs - 4 * HOUR },
  };
  const sent: InboxItem = {
    messageId: SENT_ID, direction: 'sent', atUnixMs: nowMs - 26 * HOUR, unread: false,
    summary: summaryOf({
      messageId: SENT_ID, payloadName: 'assistance-request', kind: 'information', sender: KHM, senderUnit: 'KHM-NCB', recipients: ['MYS'],
      priority: 'urgent', caseReference: 'KHM-2026-000045', headline: 'Who holds the e-wallet that paid the recruiter?', requestedState: 'MYS',
      createdAtUnixMs: nowMs - 26 * HOUR, replyDeadlineUnixMs: nowMs - 2 * HOUR,
    }),
    deadline: { atUnixMs: nowMs - 2 * HOUR, state: 'open', overdue: true, owedBy: ['MYS'], late: ['MYS'] },
    recipients: [{ state: 'MYS', stage: 'read', deliveredAtUnixMs: nowMs - 26 * HOUR, readAtUnixMs: nowMs - 25 * HOUR, readBy: { unit: 'MYS-PDRM', note: 'officer aminah' } }],
  };
  const routine: InboxItem[] = Array.from({ length: 124 }, (_, index) => {
    const n = index + 10;
    const sender = ['IDN', 'THA', 'VNM', 'PHL', 'MMR'][n % 5] as string;
    return {
      messageId: idOf(n), direction: 'received', atUnixMs: nowMs - (6 + n) * HOUR, unread: n % 3 === 0,
      summary: summaryOf({
        messageId: idOf(n), sender, kind: n % 2 ? 'missing-person' : 'suspected-recruitment', priority: n % 7 === 0 ? 'urgent' : 'routine',
        createdAtUnixMs: nowMs - (6 + n) * HOUR, caseReference: `${sender}-2026-${String(n).padStart(6, '0')}`,
        headline: `Routine alert number ${n} from ${sender}`, route: [{ state: sender, role: 'origin', place: '' }, { state: KHM, role: 'destination', place: '' }],
      }),
    };
  });
  const report: InboxItem = {
    messageId: REPORT_ID, direction: 'received', atUnixMs: nowMs - 7 * HOUR, unread: false,
    summary: summaryOf({
      messageId: REPORT_ID, payloadName: 'intelligence-report', kind: 'intelligence-report', sender: 'VNM', senderUnit: 'VNM-C03', handling: 'amber-strict',
      createdAtUnixMs: nowMs - 7 * HOUR, headline: 'Recruiter network advertising customer-service jobs near Bavet', identifierCount: 1,
      route: [{ state: 'VNM', role: 'origin', place: '' }, { state: KHM, role: 'destination', place: 'Bavet' }],
    }),
  };
  const corrected: InboxItem = {
    messageId: CORRECTED_ID, direction: 'received', atUnixMs: nowMs - 9 * HOUR, unread: false,
    summary: summaryOf({ messageId: CORRECTED_ID, payloadName: 'assistance-request', kind: 'shelter', sender: 'PHL', senderUnit: 'PNP-WCPC', requestedState: KHM, headline: 'Shelter for four women (first count)', createdAtUnixMs: nowMs - 9 * HOUR, caseReference: 'PHL-2026-000310' }),
    correctedBy: { retractionMessageId: idOf(9002), replacementMessageId: REPLACEMENT_ID, reason: 'five women, not four', atUnixMs: nowMs - 8 * HOUR },
  };
  const replacement: InboxItem = {
    messageId: REPLACEMENT_ID, direction: 'received', atUnixMs: nowMs - 8 * HOUR, unread: false, corrects: CORRECTED_ID,
    summary: summaryOf({ messageId: REPLACEMENT_ID, payloadName: 'assistance-request', kind: 'shelter', sender: 'PHL', senderUnit: 'PNP-WCPC', requestedState: KHM, headline: 'Shelter for five women', createdAtUnixMs: nowMs - 8 * HOUR, caseReference: 'PHL-2026-000310', replyDeadlineUnixMs: nowMs + 20 * HOUR }),
    deadline: { atUnixMs: nowMs + 30 * HOUR, state: 'delayed', overdue: false, owedBy: [KHM], late: [], delayReason: 'the shelter confirms its places tomorrow' },
  };
  const linkedSent: InboxItem = {
    messageId: LINKED_SENT_ID, direction: 'sent', atUnixMs: nowMs - 30 * HOUR, unread: false,
    summary: summaryOf({
      messageId: LINKED_SENT_ID, payloadName: 'intelligence-report', kind: 'intelligence-report', sender: KHM, senderUnit: 'KHM-NCB', recipients: ['MYS', 'THA'],
      caseReference: LINKED_CASE, headline: 'E-wallet paying recruiters in Bavet', createdAtUnixMs: nowMs - 30 * HOUR, identifierCount: 1,
    }),
    recipients: [],
  };
  const items = [rescue, hit, withdrawn, sent, report, corrected, replacement, linkedSent, ...routine];
  const details = new Map<string, MessageDetail>();
  for (const item of items) details.set(item.messageId, detailOf(item));
  details.set(RESCUE_ID, {
    ...detailOf(rescue),
    payload: {
      kind: 'rescue-request', summary: rescue.summary.headline, route: rescue.summary.route,
      victims: [{ count: 3, ageBand: '18-24', gender: 'male', nationality: 'IDN', identifiers: [{ kind: 'passport', keyed: true, hashKeyId: 'k1' }, { kind: 'phone', keyed: true, hashKeyId: 'k1' }] }],
      location: { state: KHM, placeName: 'Sihanoukville', latitude: 10.627, longitude: 103.522 },
      recruitmentChannel: 'social-media', requestedActions: ['rescue', 'repatriate'], replyDeadline: new Date(nowMs + 4 * HOUR).toISOString(),
    },
    openedBy: [{ officer: 'sokha', atUnixMs: nowMs - HOUR }],
  });
  details.set(REPORT_ID, {
    ...detailOf(report),
    payload: {
      title: report.summary.headline, summary: 'Adverts on a social network promise customer-service jobs; recruits are driven across at Moc Bai.',
      indicators: [
        { type: 'phone-number', keyed: true, hashKeyId: 'k1' },
        { type: 'url', value: 'https://jobs.example/cs-bavet', platform: 'Facebook', location: { state: KHM, placeName: 'Bavet', latitude: 11.066, longitude: 106.133 } },
      ],
      sourceReliability: 'B', informationCredibility: 2, permittedActions: ['share-with-law-enforcement', 'use-as-evidence'], route: report.summary.route,
    },
  });
  details.set(HIT_ID, { ...detailOf(hit), payloadName: 'hit-notice', payload: { hitId: 'hit-1', yourMessageId: SENT_ID, counterpartState: 'MYS', identifierKind: 'e-wallet', matchedIdentifiers: 1, detectedAtUnixMs: nowMs - 3 * HOUR } });
  details.set(SENT_ID, { ...detailOf(sent), payloadName: 'assistance-request', payload: { kind: 'information', requestedState: 'MYS', summary: sent.summary.headline, personsCount: 0 } });
  // PHL's request follows up a hit KHM was told of too: the node resolves it to KHM's own message and case.
  details.set(REPLACEMENT_ID, {
    ...detailOf(replacement), payloadName: 'assistance-request',
    payload: { kind: 'shelter', requestedState: KHM, summary: replacement.summary.headline, personsCount: 5, followsUpHitId: 'hit-7' },
    followsUpHit: { hitId: 'hit-7', counterpartState: 'PHL', via: 'report', ourMessageId: SENT_ID, ourCaseReference: 'KHM-2026-000045', traffic: 'real' },
  });
  return { items, details, links: caseLinksFixtures(nowMs) };
}

function caseLinksFixtures(nowMs: number): Map<string, CaseLinks> {
  const sentCase: CaseLinks = {
    caseReference: SENT_CASE,
    messages: [{ messageId: SENT_ID, payloadName: 'assistance-request', createdAtUnixMs: nowMs - 26 * HOUR }],
    counterparts: [
      { hitId: HIT_REPORT, counterpartState: 'MYS', via: 'report', ourMessageId: SENT_ID, identifierKind: 'e-wallet', matchedIdentifiers: 1, atUnixMs: nowMs - 3 * HOUR, exercise: false,
        followUps: [{ messageId: FOLLOW_UP_ID, direction: 'received', atUnixMs: nowMs - 2 * HOUR }] },
      { hitId: HIT_QUERY, counterpartState: 'VNM', via: 'query-by-them', ourMessageId: SENT_ID, identifierKind: 'e-wallet', matchedIdentifiers: 1, atUnixMs: nowMs - HOUR, exercise: false, followUps: [] },
    ],
    linkedCases: [{ caseReference: LINKED_CASE, sharedIdentifiers: 1, identifierKinds: ['e-wallet'] }],
  };
  const linkedCase: CaseLinks = {
    caseReference: LINKED_CASE,
    messages: [{ messageId: LINKED_SENT_ID, payloadName: 'intelligence-report', createdAtUnixMs: nowMs - 30 * HOUR }],
    counterparts: [],
    linkedCases: [{ caseReference: SENT_CASE, sharedIdentifiers: 1, identifierKinds: ['e-wallet'] }],
  };
  return new Map([[SENT_CASE, sentCase], [LINKED_CASE, linkedCase]]);
}

function detailOf(item: InboxItem): MessageDetail {
  const s = item.summary;
  return {
    ...item,
    envelope: {
      messageId: item.messageId, senderState: s.sender, senderUnit: s.senderUnit, recipients: s.recipients, handling: s.handling, priority: s.priority,
      createdAtUnixMs: s.createdAtUnixMs, expiresAtUnixMs: s.expiresAtUnixMs, caseReference: s.caseReference, inReplyTo: s.inReplyTo,
      traffic: s.traffic, drillId: s.drillId, keyId: `${s.sender}-2026`,
    },
    payloadName: s.payloadName,
    payload: { kind: s.kind, summary: s.headline, route: s.route },
    answers: [],
    openedBy: [],
  };
}

export function caseThreadOf(items: readonly InboxItem[], caseReference: string): CaseThread {
  const messages = items.filter((item) => item.summary.caseReference === caseReference).sort((a, b) => a.atUnixMs - b.atUnixMs);
  return { caseReference, messages, withdrawn: messages.length > 0 && messages.every((item) => item.withdrawn !== undefined) };
}
