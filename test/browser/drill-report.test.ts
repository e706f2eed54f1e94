// The drill's report.html in Chromium, built from the fixture records the unit tests use (no
// drill runs): at 1366 px nothing scrolls sideways, the fault table included; printed, it is A4
// with no dark backgrounds and no table wider than the page. A screenshot of each, and the PDF,
// are written to test-output/ for a person to look at.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildReport, renderReportHtml } from '../../services/drill/mod.ts';
import { fixtureRecords } from '../support/drill-records-fixture.ts';
import { launchChromium, SCREENSHOTS, seriousViolations, watchedPage } from './support/browser-session.ts';
import { exitWhenDone } from '../support/exit-when-done.ts';

exitWhenDone();

const PDF = new URL('../../test-output/drill-report.pdf', import.meta.url).pathname;
/** A4's printable width at 96 px an inch, less the page's 12 mm margins either side. */
const A4_PRINTABLE_PX = Math.floor(((210 - 24) / 25.4) * 96);

/** Tables wider than the space they have, as "id: scrollWidth > clientWidth". */
async function overflowingTables(page: Page): Promise<string[]> {
  return page.locator('table').evaluateAll((tables) => tables.flatMap((table) => {
    const box = table.parentElement!;
    return table.scrollWidth > table.clientWidth || table.getBoundingClientRect().width > box.clientWidth + 1
      ? [`${table.id}: ${table.scrollWidth} > ${table.clientWidth} (${box.clientWidth} available)`] : [];
  }));
}

function shot(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return new URL(`${name}.png`, SCREENSHOTS).pathname;
}

describe('the drill report page (chromium, from fixture records)', () => {
  const html = renderReportHtml(buildReport(fixtureRecords()));

  test('at 1366 px the fault table and the page fit without a sideways scroll, summary first', async (t) => {
    const browser = await launchChromium(t);
    const { page, errors } = await watchedPage(browser, { width: 1366, height: 900 });
    await page.setContent(html);
    const faultTable = page.locator('#fault-table');
    const { scrollWidth, clientWidth } = await faultTable.evaluate((table) => ({ scrollWidth: table.scrollWidth, clientWidth: table.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `fault table scrollWidth ${scrollWidth} <= clientWidth ${clientWidth}`);
    assert.deepEqual(await overflowingTables(page), []);
    const pageWidth = await page.locator('html').evaluate((root) => ({ scroll: root.scrollWidth, client: root.clientWidth }));
    assert.ok(pageWidth.scroll <= pageWidth.client, `page scrollWidth ${pageWidth.scroll} <= ${pageWidth.client}`);
    assert.match(await page.locator('#summary li').first().innerText(), /^All \d+ expected deliveries arrived/);
    assert.match(await page.locator('#summary').innerText(), /slowest state to acknowledge was MMR/);
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(errors, []);
    await page.screenshot({ path: shot('drill-report-1366'), fullPage: true });
    await faultTable.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('drill-report-1366-faults') });
    assert.ok(statSync(shot('drill-report-1366')).size > 20_000, 'the screenshot shows a rendered page');
  });

  test('printed, it is A4 with light backgrounds, every table within the page, and a PDF to look at', async (t) => {
    const browser = await launchChromium(t);
    const { page } = await watchedPage(browser, { width: A4_PRINTABLE_PX, height: 1123 });
    await page.setContent(html);
    await page.emulateMedia({ media: 'print' });
    const backgrounds = await page.locator('body, header, .banner, section, th').evaluateAll((elements) => [...new Set(elements.map((element) => element.ownerDocument.defaultView!.getComputedStyle(element).backgroundColor))]);
    for (const color of backgrounds) assert.ok(['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'].includes(color), `no dark or tinted background in print (${backgrounds.join(', ')})`);
    assert.deepEqual(await overflowingTables(page), []);
    const chartWidths = await page.locator('svg.chart').evaluateAll((charts) => charts.map((chart) => chart.getBoundingClientRect().width));
    for (const width of chartWidths) assert.ok(width <= A4_PRINTABLE_PX, `a chart scales to the page (${width} px)`);
    await page.screenshot({ path: shot('drill-report-print'), fullPage: true });
    mkdirSync(new URL('.', `file://${PDF}`), { recursive: true });
    await page.pdf({ path: PDF, format: 'A4', preferCSSPageSize: true, printBackground: true });
    assert.ok(statSync(PDF).size > 10_000, 'the PDF has pages');
  });
});
