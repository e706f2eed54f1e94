import type { Command } from './command.ts';

export function commandHelp(command: Command): string {
  const lines = [`usage: tipnet ${command.name}${command.usage ? ` ${command.usage}` : ''} [options]`, '', command.summary];
  const options = Object.entries(command.options);
  if (options.length > 0) {
    lines.push('', 'options:');
    for (const [name, spec] of options) {
      const flag = `--${name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}`;
      const fallback = spec.default === undefined ? '' : ` (default: ${String(spec.default)})`;
      lines.push(`  ${flag.padEnd(28)} ${spec.description}${fallback}`);
    }
  }
  return lines.join('\n');
}

export function overallHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    'tipnet: ASEAN information-exchange hub against technology-enabled trafficking in persons',
    '',
    'usage: tipnet <command> [options]     tipnet <command> --help for its options',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)} ${command.summary}`),
  ].join('\n');
}
