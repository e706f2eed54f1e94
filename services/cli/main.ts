// Dispatches `tipnet <command>`; each command lives in its own module under commands/.
import { parseArgs } from 'node:util';
import { ConfigurationError } from '../core/mod.ts';
import type { Command } from './command.ts';
import { commandHelp, overallHelp } from './help.ts';
import { accessCommand } from './commands/access.ts';
import { auditCommand } from './commands/audit.ts';
import { certsCommand } from './commands/certs.ts';
import { configCommand } from './commands/config.ts';
import { demoCommand } from './commands/demo.ts';
import { downCommand } from './commands/down.ts';
import { drillCommand } from './commands/drill.ts';
import { hubCommand } from './commands/hub.ts';
import { upCommand } from './commands/up.ts';
import { keysCommand } from './commands/keys.ts';
import { feedCommand } from './commands/feed.ts';
import { nodeCommand } from './commands/node.ts';
import { sendCommand } from './commands/send.ts';
import { statusCommand } from './commands/status.ts';
import { exportCommand } from './commands/export.ts';
import { queryCommand } from './commands/query.ts';
import { linksCommand } from './commands/links.ts';

export const COMMANDS: readonly Command[] = [accessCommand, auditCommand, certsCommand, configCommand, demoCommand, downCommand, drillCommand, exportCommand, hubCommand, keysCommand, linksCommand, upCommand, feedCommand, nodeCommand, queryCommand, sendCommand, statusCommand];

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overallHelp(COMMANDS));
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`tipnet: unknown command "${name}"\n\n${overallHelp(COMMANDS)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`tipnet ${command.name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  const missing = Object.entries(command.options).filter(([option, spec]) => spec.required && parsed.values[option] === undefined);
  if (missing.length > 0) {
    console.error(missing.map(([option, spec]) => `tipnet ${command.name}: --${option} <${spec.valueName ?? 'value'}> is required`).join('\n'));
    return 2;
  }
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals });
  } catch (error) {
    // Bad configuration is the operator's to fix: say what, without a stack trace.
    if (error instanceof ConfigurationError) {
      console.error(`tipnet ${command.name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
