// `tipnet down`: asks the running `tipnet up` to stop everything it started, and waits for it.
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from '../command.ts';
import { CHILDREN_FILE, DEFAULT_RUN_DIR, isAlive, readPid } from './up.ts';

export const downCommand: Command = {
  name: 'down',
  summary: 'stop the local topology started by tipnet up and remove its files',
  options: {
    dir: { type: 'string', description: 'the folder tipnet up used', valueName: 'dir', default: DEFAULT_RUN_DIR },
  },
  async run({ values }) {
    const dir = resolve(String(values.dir));
    const pid = await readPid(dir);
    if (pid === undefined || !isAlive(pid)) {
      console.log(`nothing running for ${dir}`);
      await rm(dir, { recursive: true, force: true });
      return 0;
    }
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (isAlive(pid)) {
      if (Date.now() > deadline) {
        console.error(`tipnet down: pid ${pid} did not stop within 60 s; killing it and the servers it started`);
        process.kill(pid, 'SIGKILL');
        for (const child of await readChildren(dir)) if (isAlive(child)) process.kill(child, 'SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await rm(dir, { recursive: true, force: true });
    console.log(`stopped tipnet up (pid ${pid})`);
    return 0;
  },
};

async function readChildren(dir: string): Promise<number[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, CHILDREN_FILE), 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((pid): pid is number => Number.isInteger(pid) && pid > 0) : [];
  } catch {
    return [];
  }
}
