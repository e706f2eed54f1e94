// What `tipnet up` leaves behind for `tipnet down`: the processes it started (servers, hub
// services) and the folders outside its run folder they write to (the servers' JetStream stores,
// which hold alert content). `down` stops and removes them even when `up` itself was killed and
// could not. A pid is only signalled while it is still the program it was (a reused pid is left alone).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const CHILDREN_FILE = 'children.json';

export interface RunRecord {
  readonly processes: readonly { readonly pid: number; readonly program: string }[];
  readonly folders: readonly string[];
}

/** Reads children.json; the older form (a list of pids) is read as processes of unknown program. */
export async function readRunRecord(dir: string): Promise<RunRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, CHILDREN_FILE), 'utf8'));
  } catch {
    return { processes: [], folders: [] };
  }
  return parseRunRecord(parsed);
}

/** Pure: anything malformed is dropped, never trusted. */
export function parseRunRecord(parsed: unknown): RunRecord {
  const isPid = (pid: unknown): pid is number => Number.isInteger(pid) && (pid as number) > 1;
  if (Array.isArray(parsed)) return { processes: parsed.filter(isPid).map((pid) => ({ pid, program: '' })), folders: [] };
  const record = (parsed ?? {}) as { processes?: unknown; folders?: unknown };
  const processes = Array.isArray(record.processes)
    ? record.processes.flatMap((item) => {
      const { pid, program } = (item ?? {}) as { pid?: unknown; program?: unknown };
      return isPid(pid) ? [{ pid, program: typeof program === 'string' ? program : '' }] : [];
    })
    : [];
  // Only tipnet's own temporary folders are ever removed from outside the run folder.
  const folders = Array.isArray(record.folders) ? record.folders.filter((folder): folder is string => typeof folder === 'string' && /\/tipnet-[A-Za-z0-9_-]+$/.test(folder)) : [];
  return { processes, folders };
}

/** Whether the pid still runs the program recorded for it (its command line names it). */
export async function stillRuns(pid: number, program: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (program === '') return true;
  try {
    const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
    return commandLine.includes(program);
  } catch {
    // No /proc (not Linux): the signal test above is all there is.
    return true;
  }
}
