// `tipnet node --config <file>`: run one member state's node (service, HTTP API, dashboard).
import { runNodeUntilSignalled } from '../../node/mod.ts';
import type { Command } from '../command.ts';

export const nodeCommand: Command = {
  name: 'node',
  summary: "run a member state's node: submit API, durable inbox, deadlines, feeds and dashboard",
  options: {
    config: { type: 'string', description: 'node configuration file (format in services/node/README.md)', valueName: 'file', required: true },
  },
  async run({ values }) {
    // A bad config file is a ConfigurationError: the dispatcher prints it and exits 2.
    await runNodeUntilSignalled(String(values.config));
    return 0;
  },
};
