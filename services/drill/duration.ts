// Durations in scenarios are written for people: "90s", "10m", "1h30m", "2d".
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

/** Milliseconds of a duration string, or undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(trimmed); match; match = PART.exec(trimmed)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
    consumed = PART.lastIndex;
  }
  return consumed === trimmed.length ? total : undefined;
}

/**
 * A duration for people, in the scenario's own units: "850ms", "4.2s", "42s", "3m5s", "1h30m",
 * "2h". Rounded once, to the precision its size is shown with, before it is split into units, so a
 * value just under a boundary moves up whole (119.9 minutes is "2h", never "1h60m").
 */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const value = Math.abs(ms);
  if (Math.round(value) < 1_000) return `${sign}${Math.round(value)}ms`;
  const tenths = Math.round(value / 100);
  if (tenths < 100) return `${sign}${(tenths / 10).toFixed(1)}s`;
  const seconds = Math.round(value / 1_000);
  if (seconds < 60) return `${sign}${seconds}s`;
  if (seconds < 3_600) return `${sign}${joinUnits(Math.floor(seconds / 60), 'm', seconds % 60, 's')}`;
  const minutes = Math.round(value / 60_000);
  return `${sign}${joinUnits(Math.floor(minutes / 60), 'h', minutes % 60, 'm')}`;
}

/** "3m5s", or "3m" when the smaller unit is zero. */
function joinUnits(large: number, largeUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${large}${largeUnit}` : `${large}${largeUnit}${small}${smallUnit}`;
}
