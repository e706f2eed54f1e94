// What the drill reads back at the end and writes out: the hub's dead letters (what it refused,
// with the reason code) and the report as JSON and HTML.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HEADERS, STREAMS } from '../core/mod.ts';
import type { DeadLetterRecord } from './drill-records.ts';
import type { DrillReport } from './drill-report.ts';
import { renderReportHtml } from './report-html.ts';

export async function readDeadLetters(hub: NatsConnection): Promise<DeadLetterRecord[]> {
  const jsm = await jetstreamManager(hub);
  const info = await jsm.streams.info(STREAMS.deadLetters);
  const letters: DeadLetterRecord[] = [];
  if (info.state.messages === 0) return letters;
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
    const stored = await jsm.streams.getMessage(STREAMS.deadLetters, { seq }).catch(() => null);
    if (!stored) continue;
    // Nats-Msg-Id of a dead letter: deadletter.<submission sequence>.<message id>
    const id = stored.header.get(HEADERS.msgId).split('.').slice(2).join('.');
    letters.push({ reason: stored.header.get(HEADERS.reason), messageId: id });
  }
  return letters;
}

/** Writes report.json and report.html into outDir; returns their paths. */
export async function writeReportFiles(outDir: string, report: DrillReport): Promise<{ reportJson: string; reportHtml: string }> {
  await mkdir(outDir, { recursive: true });
  const reportJson = join(outDir, 'report.json');
  const reportHtml = join(outDir, 'report.html');
  await writeFile(reportJson, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(reportHtml, renderReportHtml(report));
  return { reportJson, reportHtml };
}
