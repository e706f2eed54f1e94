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
