import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { runDrill, type DrillReport } from '../../services/drill/mod.ts';
import { badValidityWindows, unofficialTlpMarkings } from '../../services/export/mod.ts';
import { mispErrors, schemaErrors } from '../support/stix-schemas.ts';

const scenarioPath = fileURLToPath(new URL('../fixtures/short-drill.yaml', import.meta.url));

test('a short drill with a leaf outage, a router kill and a hub node stop loses nothing, duplicates nothing, and its HTML report draws its charts in Chromium', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'tipnet-drill-test-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const lines: string[] = [];
  const result = await runDrill({ scenarioPath, outDir: out, print: (line) => lines.push(line) });

  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as DrillReport;
  assert.equal(report.scenario, 'short-test-drill');
  assert.ok(report.sent > 50, `sent ${report.sent}`);
  assert.ok(report.expectedDeliveries >= report.sent, 'every message has at least one recipient');
  assert.equal(report.delivered, report.expectedDeliveries);
  assert.equal(report.lost, 0);
  assert.equal(report.duplicates, 0);
  assert.equal(report.exerciseLeakage, 0, 'no exercise traffic reached a state outside the drill');
  assert.ok(report.hits.expected > 0, 'the destination reports victims the origin reported');
  assert.equal(report.hits.notified, report.hits.expected, 'both states of every match got a hit notice');
  assert.equal(report.unverifiedDeliveries, 0);
  for (const kind of ['leaf-offline', 'router-kill', 'hub-node-stop', 'slow-consumer', 'malformed', 'spoofed']) {
    const fault = report.faults.find((f) => f.kind === kind);
    assert.ok(fault, `the report has the ${kind} fault`);
    assert.equal(fault.recovered, true, `${kind}: ${fault.evidence}`);
  }
  assert.equal(report.badInjects.total, 8);
  assert.equal(report.badInjects.rejected, 8);
  assert.equal(report.badInjects.leaked, 0);
  for (const item of report.badInjects.items) assert.equal(item.outcome, item.expected, `${item.variant} was stopped for the expected reason`);
  assert.ok(report.latencyMs.p50 > 0 && report.latencyMs.max >= report.latencyMs.p99);
  assert.ok(Object.keys(report.ackMs).length >= 3, 'acknowledgement times for the receiving states');
  assert.equal(report.deadlines.met + report.deadlines.missed, report.deadlines.total);
  assert.equal(report.passed, true, report.failures.join('; '));
  assert.equal(result.report.passed, true);

  // One source per figure: the per-state rows add up to the totals, deadlines reconcile, a state's
  // acknowledgements are the same figure wherever they appear, and the summary names every fault.
  const perState = Object.values(report.byState);
  assert.equal(perState.reduce((sum, s) => sum + s.delivered, 0), report.delivered);
  for (const key of ['total', 'met', 'missed', 'answeredLate', 'neverAnswered', 'leftUnansweredByScenario'] as const) {
    assert.equal(perState.reduce((sum, s) => sum + s.deadlines[key], 0), report.deadlines[key], `deadlines.${key}`);
  }
  assert.equal(report.deadlines.missed, report.deadlines.answeredLate + report.deadlines.neverAnswered);
  for (const [state, figures] of Object.entries(report.byState)) if (report.ackMs[state]) assert.deepEqual(figures.ack, report.ackMs[state]);
  for (const fault of report.faults) {
    assert.ok(report.summary.some((sentence) => fault.target.split(' as ').every((part) => sentence.includes(part))), `the summary names ${fault.kind} ${fault.target}`);
  }
  assert.match(report.summary.join('\n'), /^All \d+ expected deliveries arrived/);
  assert.match(report.summary.join('\n'), /slowest state to acknowledge was [A-Z]{3}/);
  const progress = lines.filter((line) => /^(\d+%|draining|done) T\+/.test(line));
  assert.ok(progress.length > 0 && progress.every((line) => [...line].length <= 80), `progress lines fit 80 columns: ${progress.join(' / ')}`);
  assert.match(progress.at(-1) ?? '', /^done /);

  // What each node held at the end, exported as its analysts would take it, conforms to the standards.
  assert.deepEqual(result.exports.map((files) => files.state).sort(), ['IDN', 'KHM', 'THA', 'VNM']);
  for (const files of result.exports) {
    const bundle = JSON.parse(await readFile(files.stix, 'utf8')) as { objects: Array<{ type: string; id: string } & Record<string, unknown>> };
    assert.ok(bundle.objects.some((object) => object.type === 'report'), `${files.state} exported its reports`);
    assert.deepEqual(schemaErrors(bundle), [], `${files.state}: STIX schema errors`);
    assert.deepEqual([...unofficialTlpMarkings(bundle.objects), ...badValidityWindows(bundle.objects)], [], `${files.state}: rules beyond the schemas`);
    const misp = JSON.parse(await readFile(files.misp, 'utf8')) as { response: unknown[] };
    assert.ok(misp.response.length > 0, `${files.state} exported MISP events`);
    assert.deepEqual(mispErrors(misp), [], `${files.state}: MISP schema errors`);
  }

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await page.goto(`file://${join(out, 'report.html')}`);
  for (const id of ['latency-chart', 'deliveries-chart', 'ack-chart']) {
    const chart = page.locator(`svg#${id}`);
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 80, `${id} is laid out`);
    assert.ok((await chart.locator('rect.bar, polyline.line').count()) > 0, `${id} has marks drawn`);
  }
  assert.ok((await page.locator('svg#deliveries-chart rect.band').count()) >= 4, 'fault windows are shaded');
  assert.match(await page.locator('h2').first().innerText(), /PASSED/);
  const screenshot = join(out, 'report.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  assert.ok((await stat(screenshot)).size > 20_000, 'the screenshot shows a rendered page');
});
