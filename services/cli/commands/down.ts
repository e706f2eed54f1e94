// `tipnet down`: asks the running `tipnet up` to stop everything it started and waits for it; if
// `up` was killed, or does not stop, it stops what `up` recorded (servers, hub services) itself and
// removes their stores and the run folder, so nothing with alert content or credentials is left.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { readRunRecord, stillRuns, type RunRecord } from '../run-record.ts';
import { DEFAULT_RUN_DIR, isAlive, readPid } from './up.ts';

const STOP_WAIT_MS = 60_000;
const CHILD_WAIT_MS = 5_000;

export const downCommand: Command = {
  name: 'down',
  summary: 'stop the local topology started by tipnet up and remove its files',
  options: {
    dir: { type: 'string', description: 'the folder tipnet up used', valueName: 'dir', default: DEFAULT_RUN_DIR },
  },
  async run({ values }) {
    const dir = resolve(String(values.dir));
    const record = await readRunRecord(dir);
    const pid = await readPid(dir);
    if (pid !== undefined && isAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(pid, STOP_WAIT_MS))) {
        console.error(`tipnet down: pid ${pid} did not stop within ${STOP_WAIT_MS / 1000} s; killing it and what it started`);
        process.kill(pid, 'SIGKILL');
      } else {
        console.log(`stopped tipnet up (pid ${pid})`);
      }
    } else if (pid !== undefined) {
      console.log(`tipnet up (pid ${pid}) is no longer running; stopping what it left behind`);
    }
    const stopped = await stopLeftovers(record);
    if (stopped > 0) console.log(`stopped ${stopped} process(es) tipnet up had started`);
    await Promise.all(record.folders.map((folder) => rm(folder, { recursive: true, force: true })));
    await rm(dir, { recursive: true, force: true });
    if (pid === undefined && record.processes.length === 0) console.log(`nothing running for ${dir}`);
    console.log(`removed ${dir}${record.folders.length ? ` and ${record.folders.length} server store(s)` : ''}`);
    return 0;
  },
};

async function waitForExit(pid: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** SIGTERM to each recorded process still running its program, SIGKILL to any that outlast the wait. */
async function stopLeftovers(record: RunRecord): Promise<number> {
  const running = [];
  for (const child of record.processes) if (await stillRuns(child.pid, child.program)) running.push(child.pid);
  for (const pid of running) process.kill(pid, 'SIGTERM');
  for (const pid of running) if (!(await waitForExit(pid, CHILD_WAIT_MS))) process.kill(pid, 'SIGKILL');
  return running.length;
}
