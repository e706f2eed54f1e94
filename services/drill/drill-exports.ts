// After a drill, what each participant's node holds is exported as its analysts would take it
// (STIX 2.1 bundle and MISP events, exercise traffic included and labelled, TLP:RED left out), so
// the drill also shows that the exports of real traffic load into analysts' tools.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DrillNode } from './drill-node.ts';

export interface DrillExportFiles {
  readonly state: string;
  readonly stix: string;
  readonly misp: string;
}

export async function writeDrillExports<S extends string>(
  outDir: string, participants: readonly S[], nodeOf: (state: S) => DrillNode | undefined,
): Promise<DrillExportFiles[]> {
  const folder = join(outDir, 'exports');
  await mkdir(folder, { recursive: true });
  const written: DrillExportFiles[] = [];
  for (const state of participants) {
    const node = nodeOf(state);
    if (!node) continue;
    const query = { includeExercise: true };
    const stix = join(folder, `${state}.stix.json`);
    const misp = join(folder, `${state}.misp.json`);
    await writeFile(stix, `${JSON.stringify(await node.exportStix(query), null, 2)}\n`);
    await writeFile(misp, `${JSON.stringify(await node.exportMisp(query), null, 2)}\n`);
    written.push({ state, stix, misp });
  }
  return written;
}
