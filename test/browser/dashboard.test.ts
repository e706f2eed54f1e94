import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson, startTestNode, TEST_PASSWORD } from '../support/node-fixture.ts';
import { exitWhenDone } from '../support/exit-when-done.ts';

exitWhenDone();

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe("KHM's dashboard in a real browser (Debian's chromium)", () => {
  test('an officer signs in; an alert submitted at IDN appears without reloading; "Mark read" and "Actioned" reach IDN naming the officer\'s unit; an attacker page fails to submit', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1, drills: { 'DRILL-2026-MEKONG-01': ['IDN', 'KHM'] } });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    t.after(() => browser.close());
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // The page asks for a sign-in first; an officer (not a supervisor) signs in.
    await khm.signInAs('dara', 'officer', 'KHM-NCB-PHNOM-PENH');
    await page.goto(khm.url);
    await page.locator('#sign-in-form').waitFor();
    await page.locator('#state', { hasText: 'KHM' }).waitFor();
    assert.equal(await page.locator('#workspace').isVisible(), false);
    await page.locator('#sign-in-form input[name=officer]').fill('dara');
    await page.locator('#sign-in-form input[name=password]').fill('not the password');
    await page.locator('#sign-in-form button').click();
    await page.locator('#sign-in-error', { hasText: /wrong/ }).waitFor();
    await page.locator('#sign-in-form input[name=password]').fill(TEST_PASSWORD);
    await page.locator('#sign-in-form button').click();
    await page.locator('#who', { hasText: 'dara' }).waitFor();
    assert.equal(await page.locator('#state').innerText(), 'KHM');
    assert.match(await page.locator('#who').innerText(), /dara · KHM-NCB-PHNOM-PENH\s+officer/i);
    await page.locator('#connection.live').waitFor();

    const submitted = await postJson(`${idn.url}/api/messages`, example);
    assert.equal(submitted.status, 202);
    const messageId: string = submitted.body.messageId;
    const item = page.locator(`#feed li[data-message-id="${messageId}"]`);
    await item.waitFor({ timeout: 20_000 });
    assert.match(await item.innerText(), /Rescue request/);

    await item.click();
    const detail = page.locator('#detail');
    await detail.getByText(/^2 identifiers(: passport, phone)? \(kept as keyed hashes\)$/).waitFor();
    assert.match(await detail.locator('.route').innerText(), /IDN[\s\S]*→[\s\S]*THA[\s\S]*→[\s\S]*KHM/);
    assert.ok(!(await page.content()).includes('9876543'), 'no clear identifier on the page');
    assert.ok(!(await detail.innerText()).includes('undefined'));
    assert.equal(await page.locator('#exercise-banner').isVisible(), false);

    await detail.getByRole('button', { name: 'Mark read' }).click();
    await waitFor(() => idn.node.status(messageId)?.recipients.find((r) => r.state === 'KHM')?.readBy !== undefined, "IDN's read receipt from KHM");
    // IDN's supervisor sees, in the sent list, who in KHM read it.
    const idnPage = await browser.newPage();
    await idn.signInAs('chief', 'supervisor');
    await idnPage.goto(`${idn.url}/?box=sent`);
    await idnPage.locator('#sign-in-form input[name=officer]').fill('chief');
    await idnPage.locator('#sign-in-form input[name=password]').fill(TEST_PASSWORD);
    await idnPage.locator('#sign-in-form button').click();
    await idnPage.locator(`#feed li[data-message-id="${messageId}"]`, { hasText: /KHM: read by KHM-NCB-PHNOM-PENH \(officer dara\)/ }).waitFor();

    await detail.getByRole('button', { name: 'Actioned' }).click();
    await waitFor(() => idn.node.status(messageId)?.recipients.find((r) => r.state === 'KHM')?.actionedAtUnixMs !== undefined, "IDN's actioned receipt from KHM");
    const status = idn.node.status(messageId);
    assert.equal(status?.recipients.find((r) => r.state === 'KHM')?.stage, 'actioned');
    await detail.getByText(/read .*, actioned /).waitFor();

    // Drill traffic raises the EXERCISE banner.
    const drill = await postJson(`${idn.url}/api/messages`, { ...example, caseReference: 'IDN-2026-DRILL-1', exercise: { drillId: 'DRILL-2026-MEKONG-01' } });
    assert.equal(drill.status, 202, JSON.stringify(drill.body));
    await page.locator(`#feed li[data-message-id="${drill.body.messageId}"]`).waitFor({ timeout: 20_000 });
    await page.locator('#exercise-banner').waitFor({ state: 'visible' });
    assert.deepEqual(pageErrors, []);

    // A page on another origin, opened in the same signed-in browser, tries to make KHM's node
    // submit and acknowledge (a text/plain fetch needs no CORS preflight; a form post none either).
    const attacker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><body>
        <form id="f" method="POST" action="${khm.url}/api/messages" enctype="text/plain"><input name='{"a":"' value='"}'></form>
        <script>
          fetch('${khm.url}/api/messages', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(JSON.stringify(example))} })
            .finally(() => fetch('${khm.url}/api/messages/${messageId}/acknowledge', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"status":"actioned"}' }))
            .finally(() => { document.title = 'sent'; document.getElementById('f').submit(); });
        </script></body>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => attacker.close(() => resolve())));
    const attackerPage = await context.newPage();
    const refused: number[] = [];
    attackerPage.on('response', (response) => { if (response.url().startsWith(khm.url)) refused.push(response.status()); });
    await attackerPage.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await waitFor(() => refused.length >= 3, 'the attacker page\'s three requests to answer', 15_000);
    assert.deepEqual(refused.sort(), [403, 403, 403]);
    assert.deepEqual(khm.node.sent().filter((status) => status.payloadName !== 'acknowledgement'), [], 'KHM published nothing for the attacker');
  });
});
