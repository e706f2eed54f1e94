// Public entry of the drill: a multi-country exercise on a complete local topology, with the
// scenario's traffic and injected faults in drill time, and a report of what arrived, how fast,
// and whether traffic recovered from each fault. Exports runDrill (the CLI's `tipnet drill`) and
// the pure parts the tests check directly: scenarios and options, the seeded traffic plan (and
// its candidate pool), the submissions it becomes, the report from the records, its plain-language
// summary and its HTML, and the seeded random generator (also used by the fuzz tests' envelope
// mutations).
export { runDrill, DrillInterrupted, DEFAULT_SCENARIO, type DrillRunOptions, type DrillResult } from './run-drill.ts';
export { loadScenario, parseScenario, participantCodes, type Scenario, type FaultSpec, type ParticipantSpec } from './scenario-schema.ts';
export { applyOverrides, type DrillOverrides } from './drill-options.ts';
export { parseDuration, formatDuration } from './duration.ts';
export { planTraffic, expectedRecipients, INTELLIGENCE_GROUP, type PlannedMessage, type PlannedType, type AlertKind, type PlanOptions } from './traffic-plan.ts';
export { CandidatePool } from './candidate-pool.ts';
export { submissionFor, type MessageContext } from './message-factory.ts';
export { buildReport, expectedHits, percentiles, type DrillReport, type ReportFigures, type FaultOutcome, type Percentiles, type DeadlineFigures, type StateFigures } from './drill-report.ts';
export { summarize, faultSentence } from './report-summary.ts';
export { renderReportHtml } from './report-html.ts';
export type { DrillRecords, SentRecord, FaultRecord, EscalationRecord, DeadLetterRecord } from './drill-records.ts';
export type { Observation } from './inbox-observer.ts';
export { SeededRandom } from './seeded-random.ts';
