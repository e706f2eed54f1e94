import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { postJson, startTestNode } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe("KHM's dashboard in a real browser (Debian's chromium)", () => {
  test('an alert submitted at IDN appears without reloading; "Actioned" reaches IDN as an actioned receipt', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1, drills: { 'DRILL-2026-MEKONG-01': ['IDN', 'KHM'] } });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(khm.url);
    await page.locator('#state', { hasText: 'KHM' }).waitFor();
    await page.locator('#connection.live').waitFor();

    const submitted = await postJson(`${idn.url}/api/messages`, example);
    assert.equal(submitted.status, 202);
    const messageId: string = submitted.body.messageId;
    const item = page.locator(`#feed li[data-message-id="${messageId}"]`);
    await item.waitFor({ timeout: 20_000 });
    assert.match(await item.innerText(), /rescue-request/i);

    await item.click();
    const detail = page.locator('#detail');
    await detail.getByText('2 identifiers (keyed hashes)').waitFor();
    assert.match(await detail.locator('.route').innerText(), /IDN[\s\S]*→[\s\S]*THA[\s\S]*→[\s\S]*KHM/);
    assert.ok(!(await page.content()).includes('9876543'), 'no clear identifier on the page');
    assert.ok(!(await detail.innerText()).includes('undefined'));
    assert.equal(await page.locator('#exercise-banner').isVisible(), false);

    await detail.getByRole('button', { name: 'Actioned' }).click();
    await waitFor(() => idn.node.status(messageId)?.recipients.find((r) => r.state === 'KHM')?.actionedAtUnixMs !== undefined, "IDN's actioned receipt from KHM");
    const status = idn.node.status(messageId);
    assert.equal(status?.recipients.find((r) => r.state === 'KHM')?.stage, 'actioned');
    await detail.getByText(/^actioned /).waitFor();

    // Drill traffic raises the EXERCISE banner.
    const drill = await postJson(`${idn.url}/api/messages`, { ...example, caseReference: 'IDN-2026-DRILL-1', exercise: { drillId: 'DRILL-2026-MEKONG-01' } });
    assert.equal(drill.status, 202, JSON.stringify(drill.body));
    await page.locator(`#feed li[data-message-id="${drill.body.messageId}"]`).waitFor({ timeout: 20_000 });
    await page.locator('#exercise-banner').waitFor({ state: 'visible' });
    assert.deepEqual(pageErrors, []);
  });
});
