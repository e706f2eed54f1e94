// Exportable messages built from real encoded payloads (the reference scenario of
// message-samples.ts plus a report with every indicator kind), and the clear identifiers used to
// build them, so export tests can scan their output for any of those values.
import { decodePayload, payloadKindByName, encodePayload, tip, v1, toKeyedIdentifier, type PayloadByName, type PayloadName } from '../../services/core/mod.ts';
import type { ClearIdentifier, ExportableMessage } from '../../services/export/mod.ts';
import { SAMPLE_MATCHING_KEY, SAMPLE_MESSAGE_IDS, SAMPLE_NOW_UNIX_MS, SAMPLE_PAYLOADS } from './message-samples.ts';

const HOUR_MS = 3_600_000;

/** Every clear identifier hashed into the samples: victims' and recruiters' alike. */
export const CLEAR_IDENTIFIERS: readonly ClearIdentifier[] = [
  { kind: 'passport', value: 'C 0000001' },
  { kind: 'phone', value: '+62 812-0000-0001' },
  { kind: 'national-id', value: '1271-0000-0000-0002' },
  { kind: 'e-wallet', value: '+62 811 0000 0003' },
  { kind: 'phone', value: '+855 12 000 0044' },
  { kind: 'bank-account', value: 'KH-ACB-0099-1234' },
];

export const EXPORT_IDS = Object.freeze({
  report: SAMPLE_MESSAGE_IDS.khmReport,
  alert: SAMPLE_MESSAGE_IDS.caseAlert,
  hit: '6d0f4c2a-1b3e-4a59-8c7d-0e1f2a3b4c5d',
  withdrawn: SAMPLE_MESSAGE_IDS.earlierAlert,
  red: '9e8d7c6b-5a49-4382-b1c0-d9e8f7a6b5c4',
  exercise: '0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3',
  allKinds: '2f3e4d5c-6b7a-4980-a1b2-c3d4e5f60718',
});

const keyed = (kind: Parameters<typeof toKeyedIdentifier>[0], value: string) => toKeyedIdentifier(kind, value, SAMPLE_MATCHING_KEY);

const ALL_KINDS_REPORT = tip.IntelligenceReport.create({
  title: 'Scam compound recruitment infrastructure',
  summary: 'Job site, operator company, compound and payment channels of one network.',
  indicators: [
    { type: v1.IndicatorType.INDICATOR_TYPE_URL, value: "https://jobs.example/bangkok?ref=it's", note: 'Fake vacancy page.' },
    { type: v1.IndicatorType.INDICATOR_TYPE_COMPANY, value: 'Golden Mekong Trading Co. (fictitious)' },
    { type: v1.IndicatorType.INDICATOR_TYPE_COMPOUND, value: 'KK-style compound, Sihanoukville', location: { state: 'KHM', latitude: 10.62, longitude: 103.52, hasCoordinates: true } },
    { type: v1.IndicatorType.INDICATOR_TYPE_PHONE_NUMBER, value: '', keyed: keyed('phone', '+855 12 000 0044'), platform: 'Telegram' },
    { type: v1.IndicatorType.INDICATOR_TYPE_BANK_ACCOUNT, keyed: keyed('bank-account', 'KH-ACB-0099-1234') },
    { type: v1.IndicatorType.INDICATOR_TYPE_CRYPTO_WALLET, value: '', keyed: keyed('crypto-wallet', 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE'), location: { state: 'XYZ', placeName: 'unknown exchange' } },
  ],
  sourceReliability: v1.SourceReliability.SOURCE_RELIABILITY_C_FAIRLY_RELIABLE,
  informationCredibility: v1.InformationCredibility.INFORMATION_CREDIBILITY_6_CANNOT_BE_JUDGED,
});

interface SampleOptions {
  readonly messageId: string;
  readonly senderState?: string;
  readonly handling?: v1.HandlingMark;
  readonly createdAtUnixMs?: number;
  readonly caseReference?: string;
  readonly exercise?: boolean;
  readonly drillId?: string;
  readonly direction?: 'sent' | 'received';
  readonly retraction?: ExportableMessage['retraction'];
}

/** Encodes the payload and decodes it back, as the store's payload bytes would be read. */
export function exportable<N extends PayloadName>(name: N, payload: PayloadByName[N], options: SampleOptions): ExportableMessage {
  const created = options.createdAtUnixMs ?? SAMPLE_NOW_UNIX_MS;
  const bytes = encodePayload(name, payload);
  return {
    messageId: options.messageId,
    senderState: options.senderState ?? 'IDN',
    handling: options.handling ?? v1.HandlingMark.HANDLING_MARK_AMBER,
    createdAtUnixMs: created,
    expiresAtUnixMs: created + 14 * 24 * HOUR_MS,
    caseReference: options.caseReference ?? '',
    exercise: options.exercise ?? false,
    drillId: options.drillId ?? '',
    direction: options.direction ?? 'sent',
    payload: decodePayload({ payloadType: payloadKindByName(name).type, payload: bytes }),
    retraction: options.retraction,
  };
}

/** The IDN node's holdings: sent report and alert, a hit on the alert, a withdrawn, a RED and an exercise message. */
export function sampleHoldings(): ExportableMessage[] {
  const hit = tip.HitNotice.fromObject({ ...SAMPLE_PAYLOADS['hit-notice'].toJSON(), yourMessageId: EXPORT_IDS.alert });
  return [
    exportable('intelligence-report', SAMPLE_PAYLOADS['intelligence-report'], { messageId: EXPORT_IDS.report, caseReference: 'IDN-2026-000123' }),
    exportable('case-alert', SAMPLE_PAYLOADS['case-alert'], { messageId: EXPORT_IDS.alert, caseReference: 'IDN-2026-000123', createdAtUnixMs: SAMPLE_NOW_UNIX_MS + 60_000 }),
    exportable('hit-notice', hit, { messageId: EXPORT_IDS.hit, senderState: 'HUB', direction: 'received', createdAtUnixMs: SAMPLE_NOW_UNIX_MS + 31 * 60_000 }),
    exportable('case-alert', SAMPLE_PAYLOADS['case-alert'], {
      messageId: EXPORT_IDS.withdrawn, senderState: 'THA', direction: 'received', handling: v1.HandlingMark.HANDLING_MARK_GREEN,
      caseReference: 'THA-2026-004417', retraction: { kind: 'withdrawn', atUnixMs: SAMPLE_NOW_UNIX_MS + 2 * HOUR_MS },
    }),
    exportable('intelligence-report', SAMPLE_PAYLOADS['intelligence-report'], { messageId: EXPORT_IDS.red, handling: v1.HandlingMark.HANDLING_MARK_RED }),
    exportable('intelligence-report', SAMPLE_PAYLOADS['intelligence-report'], { messageId: EXPORT_IDS.exercise, exercise: true, drillId: 'DRILL-2026-MEKONG-01' }),
    exportable('intelligence-report', ALL_KINDS_REPORT, { messageId: EXPORT_IDS.allKinds, senderState: 'KHM', direction: 'received', handling: v1.HandlingMark.HANDLING_MARK_CLEAR }),
    exportable('acknowledgement', SAMPLE_PAYLOADS.acknowledgement, { messageId: '7c6b5a49-3827-4160-95f4-e3d2c1b0a998' }),
  ];
}
