// CPU time spent during a phase, by this Node process (client, router, dispatcher, reader all
// run here) and by each group of nats-server processes, read from /proc. On a 2-core machine this
// is what tells queueing on the network from work on the CPU.
import { readFileSync } from 'node:fs';

export interface CpuGroups {
  readonly hub: readonly number[];
  readonly leaves: readonly number[];
}

export interface CpuSpent {
  readonly nodeMs: number;
  readonly hubServersMs: number;
  readonly leafServersMs: number;
}

/** Starts counting; the returned function gives the CPU time used since. */
export function startCpuCount(groups: CpuGroups): () => CpuSpent {
  const nodeAtStart = process.cpuUsage();
  const hubAtStart = serverCpuMs(groups.hub);
  const leavesAtStart = serverCpuMs(groups.leaves);
  return () => {
    const node = process.cpuUsage(nodeAtStart);
    return {
      nodeMs: (node.user + node.system) / 1_000,
      hubServersMs: serverCpuMs(groups.hub) - hubAtStart,
      leafServersMs: serverCpuMs(groups.leaves) - leavesAtStart,
    };
  };
}

// USER_HZ is 100 on every Linux we run on; /proc/<pid>/stat gives utime and stime in those ticks.
const MS_PER_TICK = 10;

function serverCpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
}

function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/**
 * Waits until the servers are near idle (under `idleShare` of one core over a half-second), at most
 * `maxWaitMs`, and says how long it waited: after a phase of 20,000 messages the servers go on
 * cleaning up for a while, and the next phase should not carry that.
 */
export async function untilServersQuiet(groups: CpuGroups, options: { idleShare?: number; maxWaitMs?: number } = {}): Promise<{ waitedMs: number; quiet: boolean }> {
  const idleShare = options.idleShare ?? 0.05;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const windowMs = 500;
  for (let waitedMs = 0; ; waitedMs += windowMs) {
    const before = serverCpuMs([...groups.hub, ...groups.leaves]);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = serverCpuMs([...groups.hub, ...groups.leaves]) - before;
    if (used <= idleShare * windowMs) return { waitedMs, quiet: true };
    if (waitedMs + windowMs >= maxWaitMs) return { waitedMs: waitedMs + windowMs, quiet: false };
  }
}
