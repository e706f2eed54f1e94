// `tipnet demo`: the foundation's main job until the drill exists.
import { runDemo } from '../../demo/mod.ts';
import type { Command } from '../command.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'start a local hub with IDN and KHM leaf nodes and move one signed alert from IDN to KHM',
  options: {},
  async run() {
    await runDemo();
    return 0;
  },
};
