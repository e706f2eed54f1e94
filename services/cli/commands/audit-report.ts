// How `tipnet audit` prints: a verification summary with one line per problem, and one line per
// listed entry.
import type { AuditEntry, TrailVerification } from '../../audit/mod.ts';

export function formatVerification(source: string, result: TrailVerification): string {
  const checkpoints = result.checkpoints === 0 ? 'no valid checkpoint' : `${result.checkpoints} checkpoint(s), the last at entry ${result.lastCheckpointSeq}`;
  const lines = [
    `${source}: ${result.entries} entries, ${checkpoints}`,
    `${result.uncoveredEntries} entries after the last checkpoint are not yet covered by a signature (a truncation of these cannot be seen)`,
  ];
  if (result.ok) {
    lines.push('intact: no entry changed, removed, reordered or inserted, and every checkpoint verifies');
    return lines.join('\n');
  }
  lines.push(`TAMPERED: ${result.problems.length} problem(s)`);
  for (const problem of result.problems) lines.push(`  [${problem.kind}] ${problem.message} (position ${problem.position})`);
  return lines.join('\n');
}

const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

export function formatEntry(entry: AuditEntry): string {
  const who = `${entry.actor.kind}:${entry.actor.id}${entry.actor.role ? `(${entry.actor.role})` : ''}`;
  const parts = [
    `#${entry.seq}`.padEnd(7), at(entry.atUnixMs), who.padEnd(28), entry.action.padEnd(17), entry.outcome.padEnd(6),
    entry.messageId ? `message=${entry.messageId}` : '',
    entry.target ? `target=${entry.target}` : '',
    entry.from ? `from=${entry.from}` : '',
    entry.detail ?? '',
    entry.keyId ? `signed by ${entry.keyId}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
