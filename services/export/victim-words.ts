// Case-alert victims in words: counts, age band, gender and nationality only. Their keyed
// identifiers are deliberately absent: exports carry no identifier of a victim in any form.
import { ENUM_WORDS, type CaseAlert } from '../core/mod.ts';

export function victimsInWords(alert: CaseAlert): string {
  const groups = (alert.victims ?? []).map((group) => {
    const parts = [
      `${group.count || 'unknown number of'} person${group.count === 1 ? '' : 's'}`,
      group.gender ? ENUM_WORDS.gender.wordOf(group.gender) : '',
      group.ageBand ? `aged ${ENUM_WORDS.ageBand.wordOf(group.ageBand)}` : '',
      group.nationality ? `nationality ${group.nationality}` : '',
    ];
    return parts.filter(Boolean).join(', ');
  });
  const total = (alert.victims ?? []).reduce((sum, group) => sum + (group.count || 0), 0);
  return groups.length === 0 ? 'Victims: none recorded.' : `Victims (${total}): ${groups.join('; ')}.`;
}
