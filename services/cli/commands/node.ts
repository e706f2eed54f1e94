// `tipnet node --config <file>`: run one member state's node (service, HTTP API, dashboard).
import { ConfigurationError } from '../../core/mod.ts';
import { runNodeUntilSignalled } from '../../node/mod.ts';
import type { Command } from '../command.ts';

export const nodeCommand: Command = {
  name: 'node',
  summary: "run a member state's node: submit API, durable inbox, deadlines, feeds and dashboard",
  options: {
    config: { type: 'string', description: 'node configuration file (format in services/node/README.md)', valueName: 'file' },
  },
  async run({ values }) {
    if (typeof values.config !== 'string') {
      console.error('tipnet node: --config <file> is required');
      return 2;
    }
    try {
      await runNodeUntilSignalled(values.config);
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      console.error(`tipnet node: ${error.message}`);
      return 2;
    }
  },
};
