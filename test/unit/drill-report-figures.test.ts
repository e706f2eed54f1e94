import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REASON_CODES } from '../../services/core/mod.ts';
import { buildReport, renderReportHtml, summarize, type DrillReport } from '../../services/drill/mod.ts';
import { fixtureRecords } from '../support/drill-records-fixture.ts';

/** Every marked figure on the page, as [table id, figure, shown value]. */
function figuresOnPage(html: string): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const [, id, body] of html.matchAll(/<table id="([^"]+)">([\s\S]*?)<\/table>/g)) {
    for (const [, key, value] of (body ?? '').matchAll(/data-figure="([^"]+)">([^<]*)</g)) found.push([id ?? '', key ?? '', value ?? '']);
  }
  for (const [, key, value] of html.replace(/<table[\s\S]*?<\/table>/g, '').matchAll(/data-figure="([^"]+)">([^<]*)</g)) found.push(['(text)', key ?? '', value ?? '']);
  return found;
}

function numberOf(found: ReadonlyArray<[string, string, string]>, key: string): number {
  const values = found.filter(([, k]) => k === key).map(([, , v]) => Number(v));
  assert.ok(values.length > 0, `${key} is on the page`);
  return values[0] as number;
}

const report: DrillReport = buildReport(fixtureRecords());
const html = renderReportHtml(report);
const found = figuresOnPage(html);
const states = Object.keys(report.byState);

describe('the drill report: one source for each figure', () => {
  test('a figure reads the same in every table that shows it', () => {
    const byKey = new Map<string, Set<string>>();
    for (const [, key, value] of found) byKey.set(key, (byKey.get(key) ?? new Set()).add(value));
    for (const [key, values] of byKey) assert.equal(values.size, 1, `${key} is shown as ${[...values].join(' and ')}`);
    const tablesOf = (key: string) => new Set(found.filter(([, k]) => k === key).map(([table]) => table));
    for (const key of ['delivered', 'expectedDeliveries', 'deadlines.met', 'deadlines.missed', 'deadlines.neverAnswered', 'deadlines.answeredLate']) {
      assert.ok(tablesOf(key).size >= 2, `${key} appears in the key figures and the state table`);
    }
    assert.equal(numberOf(found, 'delivered'), report.delivered);
    assert.equal(numberOf(found, 'deadlines.missed'), report.deadlines.missed);
  });

  test('the per-state rows add up to the totals shown beside them', () => {
    const sum = (figure: string) => states.reduce((total, state) => total + (found.some(([, k]) => k === `state.${state}.${figure}`) ? numberOf(found, `state.${state}.${figure}`) : 0), 0);
    assert.equal(sum('delivered'), numberOf(found, 'delivered'));
    assert.equal(sum('expectedDeliveries'), numberOf(found, 'expectedDeliveries'));
    for (const figure of ['total', 'met', 'missed', 'answeredLate', 'neverAnswered', 'leftUnansweredByScenario']) {
      assert.equal(sum(`deadlines.${figure}`), numberOf(found, `deadlines.${figure}`), `deadlines.${figure}`);
    }
  });

  test('deadlines reconcile: met + answered late + never answered = total, missed = late + never, declined ones among the never answered', () => {
    for (const d of [report.deadlines, ...Object.values(report.byState).map((s) => s.deadlines)]) {
      assert.equal(d.met + d.answeredLate + d.neverAnswered, d.total);
      assert.equal(d.missed, d.answeredLate + d.neverAnswered);
      assert.ok(d.leftUnansweredByScenario <= d.neverAnswered);
    }
    assert.deepEqual([report.deadlines.total, report.deadlines.met, report.deadlines.answeredLate, report.deadlines.neverAnswered, report.deadlines.leftUnansweredByScenario], [10, 7, 1, 2, 2]);
    assert.equal(report.byState.MMR?.deadlines.neverAnswered, 2, 'MMR, the requested state, is where the requests went unanswered');
  });

  test("a state's read count is one figure: the witness's count of its receipts, as in ackMs, shown once", () => {
    for (const state of states) {
      const shown = found.filter(([, k]) => k === `state.${state}.read.count`);
      const count = report.ackMs[state]?.read.count ?? 0;
      assert.equal(report.byState[state]?.ack.read.count, count);
      assert.deepEqual(shown.map(([, , v]) => Number(v)), count > 0 ? [count] : []);
    }
    assert.doesNotMatch(html, /Liaison officers \(simulated\)/, "the officers' own tally is not a second read count");
  });

  test('reason codes are explained in words from core\'s table, and NATS refusals too', () => {
    assert.ok(html.includes(REASON_CODES.SENDER_MISMATCH), 'SENDER_MISMATCH explained');
    assert.ok(html.includes(REASON_CODES.ENVELOPE_UNDECODABLE), 'ENVELOPE_UNDECODABLE explained');
    assert.match(html, /NATS server refused the publish/);
  });

  test('one time base: fault moments and durations in drill time, wall time in brackets', () => {
    const faults = /<table id="fault-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    assert.match(faults, />T\+18m<\/span><\/td><td><span class="nowrap">20m</, 'KHM offline at T+18m for 20m of drill time');
    assert.match(faults, /within 14m23s \(9\.0s wall\) of its end/);
    const stateTable = /<table id="state-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    assert.match(stateTable, /data-figure="state\.MMR\.read\.p50">16m</);
  });
});

describe('the plain-language summary', () => {
  test('names the slowest state to acknowledge, with its median in drill time', () => {
    assert.match(report.summary.join('\n'), /The slowest state to acknowledge was MMR: median 16m of drill time/);
  });

  test('has a sentence for every fault, naming what it hit', () => {
    const sentences = report.summary;
    for (const fault of report.faults) {
      const about = sentences.filter((sentence) => fault.target.split(' as ').every((part) => sentence.includes(part)));
      assert.ok(about.length > 0, `${fault.kind} ${fault.target} is named`);
    }
    assert.ok(sentences.includes('KHM was unreachable (its leaf node and node service stopped) for 20m of drill time from T+18m; it caught up within 14m23s (9.0s wall) of its return.'));
  });

  test('is written from the figures: deliveries, deadlines and refusals', () => {
    const text = report.summary.join('\n');
    assert.match(text, new RegExp(`^All ${report.expectedDeliveries} expected deliveries arrived`));
    assert.match(text, /Of 10 assistance requests, 7 were answered by the deadline and 3 missed it: 1 answered late and 2 never answered, 2 of them left unanswered by the scenario's design; the requesting states' nodes escalated 3\./);
    assert.match(text, /The hub refused all 4 malformed or spoofed submissions; none reached a recipient\./);
    assert.deepEqual(summarize(report), report.summary, 'pure: the same figures give the same summary');
  });

  test('says what was lost and arrived twice, and which fault was not recovered from', () => {
    const worse = { ...report, expectedDeliveries: 70, delivered: 68, lost: 2, duplicates: 1, faults: report.faults.map(({ caughtUpWallMs, ...f }) => (f.kind === 'leaf-offline' ? { ...f, recovered: false } : { ...f, ...(caughtUpWallMs === undefined ? {} : { caughtUpWallMs }) })) };
    const text = summarize(worse).join('\n');
    assert.match(text, /^68 of 70 expected deliveries arrived; 2 never did; 1 delivery arrived twice/);
    assert.match(text, /KHM was unreachable[^\n]*traffic did not recover[^\n]*NOT RECOVERED/);
  });
});
