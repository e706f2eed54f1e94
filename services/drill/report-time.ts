// The report's one time base: drill time (wall time since the start times the speed), with the
// wall time in brackets where a person may want it (how long the machines really took).
import { formatDuration } from './duration.ts';

/** A span of wall time, written as drill time: "16m". */
export function drillTime(wallMs: number, speed: number): string {
  return formatDuration(wallMs * speed);
}

/** A span of wall time, written as drill time with the wall time in brackets: "14m (9.0s wall)". */
export function drillAndWall(wallMs: number, speed: number): string {
  return `${drillTime(wallMs, speed)} (${formatDuration(wallMs)} wall)`;
}

/** A moment of the drill, as exercises write it: "T+18m". */
export function drillMoment(drillMs: number): string {
  return drillMs <= 0 ? 'T+0' : `T+${formatDuration(drillMs)}`;
}
