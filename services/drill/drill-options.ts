// Command-line overrides applied to a scenario: the result is still a valid scenario.
import { ConfigurationError, includesState, isStateCode, type StateCode } from '../core/mod.ts';
import type { Scenario } from './scenario-schema.ts';

export interface DrillOverrides {
  /** Messages per second of wall time. */
  readonly rate?: number | undefined;
  /** Wall time of the traffic, ms. */
  readonly durationMs?: number | undefined;
  readonly speed?: number | undefined;
  readonly states?: readonly string[] | undefined;
  readonly seed?: number | undefined;
}

export function applyOverrides(scenario: Scenario, overrides: DrillOverrides): Scenario {
  const problems: string[] = [];
  let result: Scenario = { ...scenario };
  if (overrides.speed !== undefined) {
    if (!(overrides.speed > 0)) problems.push('--speed: must be a positive number (drill time per wall time)');
    else result = { ...result, speed: overrides.speed };
  }
  if (overrides.seed !== undefined) {
    if (!Number.isInteger(overrides.seed)) problems.push('--seed: must be an integer');
    else result = { ...result, seed: overrides.seed };
  }
  if (overrides.durationMs !== undefined) {
    if (!(overrides.durationMs > 0)) problems.push('--duration: must be a positive duration such as 60s');
    else {
      // The scenario's faults and injects keep their place relative to the length of the drill.
      const newDuration = overrides.durationMs * result.speed;
      const factor = newDuration / scenario.duration;
      result = {
        ...result,
        duration: newDuration,
        faults: result.faults.map((fault) => ({ ...fault, at: fault.at * factor, ...('for' in fault ? { for: fault.for * factor } : {}), ...('restartAfter' in fault ? { restartAfter: fault.restartAfter * factor } : {}) })),
        injects: result.injects.map((inject) => ({ ...inject, at: inject.at * factor })),
      };
    }
  } else if (overrides.speed !== undefined) {
    // Same drill time at another speed: wall time changes, nothing else.
  }
  if (overrides.rate !== undefined) {
    if (!(overrides.rate > 0)) problems.push('--rate: must be a positive number of messages per second');
    else result = { ...result, traffic: { ...result.traffic, ratePerMinute: overrides.rate * 60 } };
  }
  if (overrides.states !== undefined) {
    const unknown = overrides.states.filter((code) => !isStateCode(code));
    const absent = overrides.states.filter((code) => isStateCode(code) && !(code in scenario.participants));
    if (unknown.length > 0) problems.push(`--states: unknown state code(s) ${unknown.join(', ')}`);
    if (absent.length > 0) problems.push(`--states: ${absent.join(', ')} not among the scenario's participants (${Object.keys(scenario.participants).join(', ')})`);
    if (overrides.states.length < 2) problems.push('--states: a drill needs at least two states');
    if (unknown.length === 0 && absent.length === 0 && overrides.states.length >= 2) result = narrow(result, overrides.states.filter(isStateCode), problems);
  }
  if (problems.length > 0) throw new ConfigurationError('drill options', problems);
  return result;
}

function narrow(scenario: Scenario, states: readonly StateCode[], problems: string[]): Scenario {
  const keep = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([code]) => includesState(states, code)));
  const traffic = { ...scenario.traffic, origins: keep(scenario.traffic.origins), destinations: keep(scenario.traffic.destinations), transits: keep(scenario.traffic.transits) };
  if (Object.keys(traffic.origins).length === 0) problems.push(`--states: none of the scenario's origin states (${Object.keys(scenario.traffic.origins).join(', ')}) is left`);
  if (Object.keys(traffic.destinations).length === 0) problems.push(`--states: none of the scenario's destination states is left`);
  return {
    ...scenario,
    participants: keep(scenario.participants),
    traffic,
    injects: scenario.injects.filter((inject) => states.includes(inject.from) && (inject.to === undefined || states.includes(inject.to))),
    faults: scenario.faults.filter((fault) => !('state' in fault) || (states.includes(fault.state) && (!('impersonates' in fault) || states.includes(fault.impersonates)))),
  };
}
