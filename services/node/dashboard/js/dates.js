// Absolute times in the officer's zone: "1 Dec 2026, 21:41 WIB (UTC+7)". ASEAN zones get the
// abbreviation officers use; any other zone is written as its offset. Pure (Intl only).

const ZONE_ABBREVIATIONS = Object.freeze({
  'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT',
  'Asia/Bangkok': 'ICT', 'Asia/Phnom_Penh': 'ICT', 'Asia/Vientiane': 'ICT', 'Asia/Ho_Chi_Minh': 'ICT', 'Asia/Saigon': 'ICT',
  'Asia/Yangon': 'MMT', 'Asia/Rangoon': 'MMT', 'Asia/Manila': 'PHT', 'Asia/Singapore': 'SGT',
  'Asia/Kuala_Lumpur': 'MYT', 'Asia/Kuching': 'MYT', 'Asia/Brunei': 'BNT', 'Asia/Dili': 'TLT',
});

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "UTC+7", "UTC+6:30", "UTC-3", or "UTC" for the zone's offset at that instant. */
export function utcOffset(ms, timeZone) {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = part.replace('GMT', 'UTC');
  return offset === 'UTC+0' || offset === 'UTC-0' ? 'UTC' : offset;
}

/** "1 Dec 2026, 21:41 WIB (UTC+7)"; "—" for no time. */
export function absoluteTime(ms, timeZone = browserZone()) {
  if (!ms) return '—';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const offset = utcOffset(ms, timeZone);
  const abbreviation = ZONE_ABBREVIATIONS[timeZone];
  const zone = abbreviation ? `${abbreviation} (${offset})` : offset;
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${zone}`;
}

/** "in 3 h 20 min" / "4 h 5 min ago": the distance to a deadline, for the eye, next to the absolute time. */
export function distanceWords(ms, nowMs = Date.now()) {
  const minutes = Math.round(Math.abs(ms - nowMs) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const text = days ? `${days} d ${hours} h` : hours ? `${hours} h ${rest} min` : `${rest} min`;
  return ms >= nowMs ? `in ${text}` : `${text} ago`;
}

/** A deadline as the requester and the requested state see it, with who is late. */
export function deadlineWords(deadline, timeZone = browserZone(), nowMs = Date.now()) {
  if (!deadline) return '';
  const at = absoluteTime(deadline.atUnixMs, timeZone);
  switch (deadline.state) {
    case 'withdrawn': return `No deadline in force (withdrawn); was ${at}`;
    case 'answered': return `Answered; deadline was ${at}`;
    case 'delayed': return `Delayed to ${at}${deadline.delayReason ? ` (${deadline.delayReason})` : ''}${lateWords(deadline)}`;
    default: return `Reply by ${at} (${distanceWords(deadline.atUnixMs, nowMs)})${lateWords(deadline)}`;
  }
}

function lateWords(deadline) {
  return deadline.overdue && deadline.late?.length ? `; late: ${deadline.late.join(', ')}` : '';
}

/** A datetime-local input's value ("2026-12-01T21:41", the browser's zone) as ISO 8601 with offset. */
export function localInputToIso(value) {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
