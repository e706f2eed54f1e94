// Short names for the generated asean.tip.v1 types, so the rest of the code never reaches into
// the generated namespace directly.
import { asean } from './generated/tip.js';

export const tip = asean.tip.v1;
export import v1 = asean.tip.v1;

export type Envelope = asean.tip.v1.Envelope;
export type CaseAlert = asean.tip.v1.CaseAlert;
export type IntelligenceReport = asean.tip.v1.IntelligenceReport;
export type AssistanceRequest = asean.tip.v1.AssistanceRequest;
export type AssistanceResponse = asean.tip.v1.AssistanceResponse;
export type Acknowledgement = asean.tip.v1.Acknowledgement;
export type HitNotice = asean.tip.v1.HitNotice;
export type Retraction = asean.tip.v1.Retraction;
export type DrillControl = asean.tip.v1.DrillControl;
