// The drill scenario format (YAML or JSON), validated with zod; every problem is reported with its
// path. Times are drill time, which runs `speed` times faster than wall time.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ALL_STATE_CODES, ConfigurationError, isStateCode, parseWithProblems, stateCodeSchema, type StateCode } from '../core/mod.ts';
import { parseDuration } from './duration.ts';

const stateCode = stateCodeSchema;
const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as "90s", "10m" or "1h30m"' });
    return z.NEVER;
  }
  return ms;
});
const share = z.number().nonnegative();
const weights = z.partialRecord(stateCodeSchema, share).refine((record) => Object.values(record).some((value) => value !== undefined && value > 0), 'needs at least one positive weight');

/** How a state's people answer: how soon a liaison officer reads and acts on what arrives. */
const behaviour = z.strictObject({
  readWithin: duration.default(60_000),
  actionWithin: duration.default(10 * 60_000),
  /** Share of assistance requests this state answers before the deadline (1 = all). */
  answersAssistance: z.number().min(0).max(1).default(1),
  answerWithin: duration.default(10 * 60_000),
});

const participant = z.strictObject({
  roles: z.array(z.enum(['origin', 'transit', 'destination', 'observer'])).min(1),
  place: z.string().optional(),
  behaviour: behaviour.default({ readWithin: 60_000, actionWithin: 600_000, answersAssistance: 1, answerWithin: 600_000 }),
});

const fault = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('leaf-offline'), at: duration, state: stateCode, for: duration }),
  z.strictObject({ kind: z.literal('hub-node-stop'), at: duration, node: z.int().min(1), for: duration }),
  z.strictObject({ kind: z.literal('router-kill'), at: duration, restartAfter: duration }),
  z.strictObject({ kind: z.literal('slow-consumer'), at: duration, state: stateCode, for: duration }),
  z.strictObject({ kind: z.literal('malformed'), at: duration, state: stateCode, count: z.int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('spoofed'), at: duration, state: stateCode, impersonates: stateCode, count: z.int().min(1).max(100) }),
]);

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lower-case slug (it becomes the drill id)'),
  description: z.string().min(1),
  seed: z.int().default(2023),
  /** Drill time per wall time: 60 runs an hour of drill in a minute. */
  speed: z.number().positive().max(10_000).default(60),
  /** Length of the drill in drill time. */
  duration: duration,
  participants: z.record(z.string(), participant).superRefine((record, ctx) => {
    for (const code of Object.keys(record)) {
      if (!isStateCode(code)) ctx.addIssue({ code: 'custom', path: [code], message: `is not a state code (known: ${ALL_STATE_CODES.join(', ')})` });
    }
    if (Object.keys(record).length < 2) ctx.addIssue({ code: 'custom', message: 'a drill needs at least two states' });
  }),
  traffic: z.strictObject({
    /** Messages per minute of wall time. */
    ratePerMinute: z.number().positive().max(60_000),
    mix: z.strictObject({
      'case-alert': share.default(0),
      'intelligence-report': share.default(0),
      'assistance-request': share.default(0),
      retraction: share.default(0),
    }),
    /** Where victims are recruited, weighted. */
    origins: weights,
    /** Where they are taken, weighted (e.g. by each destination's share of cases). */
    destinations: weights,
    transits: weights,
    /** Deadline given to assistance requests, in drill time. */
    assistanceDeadline: duration.default(30 * 60_000),
  }),
  injects: z.array(z.strictObject({
    at: duration,
    from: stateCode,
    type: z.enum(['case-alert', 'intelligence-report', 'assistance-request']),
    to: stateCode.optional(),
    note: z.string().optional(),
  })).default([]),
  faults: z.array(fault).default([]),
}).superRefine((scenario, ctx) => {
  const present = new Set(Object.keys(scenario.participants));
  const check = (path: (string | number)[], code: string) => {
    if (!present.has(code)) ctx.addIssue({ code: 'custom', path, message: `${code} does not take part in the drill (participants: ${[...present].join(', ')})` });
  };
  for (const key of ['origins', 'destinations', 'transits'] as const) {
    for (const code of Object.keys(scenario.traffic[key])) check(['traffic', key, code], code);
  }
  scenario.injects.forEach((inject, index) => {
    check(['injects', index, 'from'], inject.from);
    if (inject.to) check(['injects', index, 'to'], inject.to);
  });
  scenario.faults.forEach((fault, index) => {
    if ('state' in fault) check(['faults', index, 'state'], fault.state);
    if (fault.at > scenario.duration) ctx.addIssue({ code: 'custom', path: ['faults', index, 'at'], message: 'is after the end of the drill' });
  });
  if (Object.values(scenario.traffic.mix).every((value) => value === 0)) {
    ctx.addIssue({ code: 'custom', path: ['traffic', 'mix'], message: 'needs at least one message type with a positive share' });
  }
});

export type Scenario = z.output<typeof scenarioSchema>;
export type FaultSpec = Scenario['faults'][number];
export type ParticipantSpec = Scenario['participants'][string];

export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = parseWithProblems(scenarioSchema, input);
  if (!result.ok) throw new ConfigurationError(source, result.problems);
  return result.data;
}

export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`scenario ${path}`, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(`scenario ${path}`, [`is not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  return parseScenario(data, `scenario ${path}`);
}

export function participantCodes(scenario: Scenario): StateCode[] {
  return Object.keys(scenario.participants).filter(isStateCode);
}
