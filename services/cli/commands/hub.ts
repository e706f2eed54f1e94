// `tipnet hub`: runs one hub services instance (router + dispatcher) until SIGTERM or Ctrl-C.
import { runHubServices } from '../../router/mod.ts';
import type { Command } from '../command.ts';

export const hubCommand: Command = {
  name: 'hub',
  summary: 'run one hub services instance (router and dispatcher); several may run at once and share the work',
  options: {
    config: { type: 'string', description: 'hub services config file (tipnet up writes one: .tipnet/run/hub-services.json)', valueName: 'file', required: true },
  },
  async run({ values }) {
    await runHubServices(String(values.config));
    return 0;
  },
};
