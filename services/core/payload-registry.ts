// The one table tying each PayloadType to its generated message class and to the short name used
// in subjects, JSON input and logs. Adding a message type means adding one row here.
import { tip, v1 } from './proto.ts';

interface MessageClass<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromObject(object: Record<string, unknown>): T;
  toObject(message: T, options?: Record<string, unknown>): Record<string, unknown>;
}

export interface PayloadKind<T = unknown> {
  readonly type: v1.PayloadType;
  /** Kebab-case name used in subjects, JSON input, CLI and logs. */
  readonly name: PayloadName;
  readonly messageClass: MessageClass<T>;
}

export type PayloadName =
  | 'case-alert' | 'intelligence-report' | 'assistance-request' | 'assistance-response'
  | 'acknowledgement' | 'hit-notice' | 'retraction' | 'drill-control' | 'hit-query' | 'hit-query-answer';

export interface PayloadByName {
  'case-alert': v1.CaseAlert;
  'intelligence-report': v1.IntelligenceReport;
  'assistance-request': v1.AssistanceRequest;
  'assistance-response': v1.AssistanceResponse;
  acknowledgement: v1.Acknowledgement;
  'hit-notice': v1.HitNotice;
  retraction: v1.Retraction;
  'drill-control': v1.DrillControl;
  'hit-query': v1.HitQuery;
  'hit-query-answer': v1.HitQueryAnswer;
}

const T = v1.PayloadType;
const ROWS: readonly PayloadKind[] = [
  { type: T.PAYLOAD_TYPE_CASE_ALERT, name: 'case-alert', messageClass: tip.CaseAlert },
  { type: T.PAYLOAD_TYPE_INTELLIGENCE_REPORT, name: 'intelligence-report', messageClass: tip.IntelligenceReport },
  { type: T.PAYLOAD_TYPE_ASSISTANCE_REQUEST, name: 'assistance-request', messageClass: tip.AssistanceRequest },
  { type: T.PAYLOAD_TYPE_ASSISTANCE_RESPONSE, name: 'assistance-response', messageClass: tip.AssistanceResponse },
  { type: T.PAYLOAD_TYPE_ACKNOWLEDGEMENT, name: 'acknowledgement', messageClass: tip.Acknowledgement },
  { type: T.PAYLOAD_TYPE_HIT_NOTICE, name: 'hit-notice', messageClass: tip.HitNotice },
  { type: T.PAYLOAD_TYPE_RETRACTION, name: 'retraction', messageClass: tip.Retraction },
  { type: T.PAYLOAD_TYPE_DRILL_CONTROL, name: 'drill-control', messageClass: tip.DrillControl },
  { type: T.PAYLOAD_TYPE_HIT_QUERY, name: 'hit-query', messageClass: tip.HitQuery },
  { type: T.PAYLOAD_TYPE_HIT_QUERY_ANSWER, name: 'hit-query-answer', messageClass: tip.HitQueryAnswer },
] as PayloadKind[];

const BY_TYPE = new Map(ROWS.map((row) => [row.type, row]));
const BY_NAME = new Map(ROWS.map((row) => [row.name, row]));

export const PAYLOAD_KINDS: readonly PayloadKind[] = ROWS;
export const PAYLOAD_NAMES: readonly PayloadName[] = ROWS.map((row) => row.name);

export function payloadKindByType(type: number): PayloadKind | undefined {
  return BY_TYPE.get(type);
}

export function payloadKindByName<N extends PayloadName>(name: N): PayloadKind<PayloadByName[N]> {
  const row = BY_NAME.get(name);
  if (!row) throw new RangeError(`unknown payload name ${name}`);
  return row as PayloadKind<PayloadByName[N]>;
}
