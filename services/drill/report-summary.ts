// The report's plain-language summary, for a reader who reads nothing else: whether the expected
// deliveries arrived, the slowest state to acknowledge, each fault in a sentence, deadlines, and
// the forged or broken submissions refused. Pure: every number comes from the report's figures.
import type { ReportFigures } from './drill-report.ts';
import type { FaultOutcome } from './fault-outcome.ts';
import { drillAndWall, drillMoment, drillTime } from './report-time.ts';

export function summarize(report: ReportFigures): string[] {
  return [
    conductSentence(report),
    deliveriesSentence(report),
    slowestAcknowledgement(report),
    ...report.faults.map((fault) => faultSentence(fault, report.speed)),
    deadlinesSentence(report),
    refusedSentence(report),
    hitsSentence(report),
  ].filter((sentence): sentence is string => sentence !== undefined);
}

/** Against a running deployment: whose officers answered, and which faults were left out and why. */
function conductSentence({ conduct }: ReportFigures): string | undefined {
  if (conduct.mode !== 'against') return undefined;
  const by = (who: 'people' | 'simulated') => Object.entries(conduct.officers).filter(([, kind]) => kind === who).map(([state]) => state);
  const people = by('people');
  const simulated = by('simulated');
  const officers = [
    ...(people.length > 0 ? [`officers of ${people.join(', ')} answered through their nodes themselves`] : []),
    ...(simulated.length > 0 ? [`the simulation played the officers of ${simulated.join(', ')}`] : []),
  ].join('; ');
  const left = conduct.skippedFaults.length === 0 ? '' : ` ${plural(conduct.skippedFaults.length, 'scenario fault')} ${conduct.skippedFaults.length === 1 ? 'was' : 'were'} not injected (${conduct.skippedFaults.map((fault) => `${fault.kind} ${fault.target}`).join(', ')}): ${conduct.skippedFaults[0]!.why}.`;
  return `The drill ran against the running deployment in ${conduct.deployment ?? '?'}; ${officers}.${left}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function deliveriesSentence({ expectedDeliveries, delivered, lost, duplicates, latencyMs, speed }: ReportFigures): string {
  const arrived = lost === 0 ? `All ${plural(expectedDeliveries, 'expected delivery', 'expected deliveries')} arrived` : `${delivered} of ${plural(expectedDeliveries, 'expected delivery', 'expected deliveries')} arrived; ${lost} never did`;
  const twice = duplicates > 0 ? `; ${plural(duplicates, 'delivery', 'deliveries')} arrived twice` : '';
  const speedOf = latencyMs.count > 0 ? `, half of them within ${drillAndWall(latencyMs.p50, speed)} and 95% within ${drillAndWall(latencyMs.p95, speed)} of sending` : '';
  return `${arrived}${twice}${speedOf}.`;
}

function slowestAcknowledgement({ byState, speed }: ReportFigures): string | undefined {
  const acknowledging = Object.entries(byState).filter(([, figures]) => figures.ack.read.count > 0);
  if (acknowledging.length === 0) return undefined;
  const byMedian = [...acknowledging].sort(([, a], [, b]) => b.ack.read.p50 - a.ack.read.p50);
  const [slowest, slow] = byMedian[0]!;
  const [fastest, fast] = byMedian[byMedian.length - 1]!;
  const fastestPart = fastest === slowest ? '' : ` (fastest: ${fastest}, median ${drillTime(fast.ack.read.p50, speed)})`;
  return `The slowest state to acknowledge was ${slowest}: median ${drillTime(slow.ack.read.p50, speed)} of drill time from sending to its read receipt reaching the sender${fastestPart}.`;
}

function caughtUp(fault: FaultOutcome, speed: number, resumed: string, subject = 'traffic'): string {
  if (fault.caughtUpWallMs === undefined) return fault.recovered ? '' : `; traffic did not recover (${fault.evidence})`;
  if (fault.caughtUpWallMs === 0) return '; everything sent meanwhile had arrived before it ended';
  return `; ${subject} caught up within ${drillAndWall(fault.caughtUpWallMs, speed)} of ${resumed}`;
}

/** One sentence per fault: what, where, when, how long, and how fast traffic caught up. */
export function faultSentence(fault: FaultOutcome, speed: number): string {
  const at = drillMoment(fault.windowDrillMs[0]);
  const lasted = drillTime(fault.windowWallMs[1] - fault.windowWallMs[0], speed);
  const failed = fault.recovered ? '' : ' THIS FAULT WAS NOT RECOVERED FROM.';
  switch (fault.kind) {
    case 'leaf-offline':
      return `${fault.target} was unreachable (its leaf node and node service stopped) for ${lasted} of drill time from ${at}${caughtUp(fault, speed, 'its return', 'it')}.${failed}`;
    case 'slow-consumer':
      return `${fault.target}'s node stopped reading its inbox for ${lasted} from ${at}, deliveries queueing on its leaf${caughtUp(fault, speed, 'the node resuming')}.${failed}`;
    case 'hub-node-stop':
      return `The hub lost ${fault.target} for ${lasted} from ${at}; the other hub nodes carried the traffic${caughtUp(fault, speed, 'its return')}.${failed}`;
    case 'router-kill':
      return `The hub services (router and dispatcher) were killed at ${at} and restarted ${lasted} later${caughtUp(fault, speed, 'the restart')}.${failed}`;
    case 'malformed':
    case 'spoofed': {
      const injects = fault.injects ?? { total: 0, refused: 0 };
      const what = fault.kind === 'malformed' ? `${fault.target}'s leaf sent ${plural(injects.total, 'malformed submission')}` : `${fault.target.replace(' as ', ' posed as ')} in ${plural(injects.total, 'submission')}`;
      const refused = injects.refused === injects.total ? (injects.total === 2 ? 'both were refused' : `all ${injects.total} were refused`) : `only ${injects.refused} of ${injects.total} were refused`;
      return `At ${at}, ${what}; ${refused}.${failed}`;
    }
    default:
      return `${fault.kind} ${fault.target} at ${at} for ${lasted}: ${fault.happened}${caughtUp(fault, speed, 'its end')}.${failed}`;
  }
}

function deadlinesSentence({ deadlines }: ReportFigures): string | undefined {
  if (deadlines.total === 0) return undefined;
  const { total, met, missed, answeredLate, neverAnswered, leftUnansweredByScenario, escalated } = deadlines;
  const late = answeredLate === 0 ? [] : [`${answeredLate} answered late`];
  const byDesign = leftUnansweredByScenario > 0 ? `, ${leftUnansweredByScenario} of them left unanswered by the scenario's design` : '';
  const never = neverAnswered === 0 ? [] : [`${neverAnswered} never answered${byDesign}`];
  const how = missed === 0 ? '' : `: ${[...late, ...never].join(' and ')}`;
  return `Of ${plural(total, 'assistance request')}, ${met} ${met === 1 ? 'was' : 'were'} answered by the deadline and ${missed} missed it${how}; the requesting states' nodes escalated ${escalated}.`;
}

function refusedSentence({ badInjects }: ReportFigures): string | undefined {
  if (badInjects.total === 0) return undefined;
  const refused = badInjects.rejected === badInjects.total ? `The hub refused all ${badInjects.total} malformed or spoofed submissions` : `The hub refused only ${badInjects.rejected} of ${badInjects.total} malformed or spoofed submissions`;
  return `${refused}; ${badInjects.leaked === 0 ? 'none reached a recipient' : `${badInjects.leaked} reached a recipient`}.`;
}

function hitsSentence({ hits }: ReportFigures): string | undefined {
  if (hits.expected === 0) return undefined;
  return `${hits.notified} of ${plural(hits.expected, 'expected hit notice')} (the hub telling two states they hold the same victims) arrived.`;
}
