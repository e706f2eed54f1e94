// The officer's real flows on a real topology (hub, IDN and KHM nodes, nats-server, chromium):
// KHM's officer opens IDN's rescue request, reads its victims, route map and deadline, and
// answers it; IDN sees the answer's outcome threaded under the request with KHM's read and
// actioned times; a hit notice leads to "request the detail" reaching the counterpart; a
// retraction turns the case to withdrawn on KHM.
// Reads the node's workbench routes (inbox, detail, case thread) and validates forms through
// POST /api/messages/validate before sending.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startHubFixture } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode, TEST_PASSWORD } from '../support/node-fixture.ts';
import { launchChromium, screenshot, seriousViolations, watchedPage } from './support/browser-session.ts';
import { exitWhenDone } from '../support/exit-when-done.ts';

exitWhenDone();

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const CASE = 'IDN-2026-000555';

async function signIn(page: Page, url: string, officer: string, path = '/'): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.locator('#sign-in-form input[name=officer]').fill(officer);
  await page.locator('#sign-in-form input[name=password]').fill(TEST_PASSWORD);
  await page.locator('#sign-in-form button').click();
  await page.locator('#who', { hasText: officer }).waitFor();
}

async function waitForAnswer(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the workbench on a real topology (IDN and KHM nodes, chromium)', () => {
  test('KHM answers IDN\'s rescue request; IDN sees the outcome in the case thread; a hit leads to a request for its detail; a retraction withdraws the case at KHM', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM');
    const browser = await launchChromium(t);
    await khm.signInAs('dara', 'officer', 'KHM-NCB-PHNOM-PENH');
    await khm.signInAs('sokha', 'supervisor', 'KHM-NCB-PHNOM-PENH');
    await idn.signInAs('chief', 'supervisor', 'POLRI-BARESKRIM');

    const request = await postJson(`${idn.url}/api/messages`, { ...example, caseReference: CASE });
    assert.equal(request.status, 202, JSON.stringify(request.body));
    const requestId: string = request.body.messageId;

    // KHM's officer opens it from the inbox and reads it in plain words.
    const khmOfficer = await watchedPage(browser, { width: 1366, height: 900 }, 'Asia/Phnom_Penh');
    const page = khmOfficer.page;
    await signIn(page, khm.url, 'dara');
    const row = page.locator(`#feed li[data-message-id="${requestId}"]`);
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.innerText(), /Rescue request/);
    await row.click();
    const detail = page.locator('#detail');
    await detail.getByText('3 persons, 18 to 24, male, nationality Indonesia (IDN)').waitFor();
    await detail.getByText('2 identifiers: passport, phone (kept as keyed hashes)').waitFor();
    assert.equal(await detail.locator('.route-map circle.leg-point').count(), 3);
    // A route-roles rescue request names nobody in its envelope; the receiving state still owes an answer.
    assert.match(await detail.innerText(), /Reply by \d+ \w+ 2026, \d\d:\d\d ICT \(UTC\+7\)/);
    assert.ok(!(await page.content()).includes('9876543'), 'no clear identifier on the page');
    await detail.getByRole('button', { name: 'Mark read' }).click();
    await detail.getByRole('button', { name: 'Mark read' }).and(page.locator(':disabled')).waitFor();
    await detail.getByRole('button', { name: 'Actioned' }).click();
    await detail.getByText(/This state read .*, actioned /).waitFor();

    // ... and answers it.
    await detail.getByRole('button', { name: 'Answer this request' }).click();
    const answer = page.locator('#detail form');
    await answer.getByLabel('Outcome').selectOption('accepted');
    await answer.getByLabel('Summary').fill('Raid planned with the provincial police; three places in a shelter reserved.');
    await answer.getByLabel('Persons assisted').fill('3');
    await answer.getByRole('button', { name: 'Send the answer' }).click();
    await answer.locator('.form-status', { hasText: 'Answer sent.' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(khmOfficer.errors, []);

    // IDN's supervisor: the answer's outcome threaded under the request, KHM's read and actioned times.
    const idnChief = await watchedPage(browser, { width: 1366, height: 900 }, 'Asia/Jakarta');
    await signIn(idnChief.page, idn.url, 'chief', `/?case=${CASE}`);
    const thread = idnChief.page.locator('#detail .thread');
    await thread.locator('li.answer', { hasText: 'Outcome: Accepted' }).waitFor({ timeout: 20_000 });
    await thread.locator(`li[data-message-id="${requestId}"]`, { hasText: /KHM: actioned by KHM-NCB-PHNOM-PENH \(officer dara\), answered: Accepted/ }).waitFor();
    await idnChief.page.goto(`${idn.url}/?box=sent&open=${requestId}`);
    const receipts = idnChief.page.locator('#detail table.receipts tr[data-state="KHM"]');
    await receipts.waitFor();
    assert.match(await receipts.innerText(), /WIB \(UTC\+7\) by KHM-NCB-PHNOM-PENH \(officer dara\)[\s\S]*WIB \(UTC\+7\) by KHM-NCB-PHNOM-PENH \(officer dara\)[\s\S]*Accepted/);
    assert.deepEqual(await seriousViolations(idnChief.page), []);
    await screenshot(idnChief.page, 'real-idn-sent-detail-1366');

    // A hit: KHM reports the same passport; KHM's supervisor asks IDN for the detail behind it.
    const report = await postJson(`${khm.url}/api/messages`, {
      ...example, senderUnit: 'KHM-NCB-PHNOM-PENH', caseReference: 'KHM-2026-000901', priority: 'urgent',
      distribution: { mode: 'named', states: ['IDN'] }, payload: { ...(example.payload as object), kind: 'missing-person' },
    });
    assert.equal(report.status, 202, JSON.stringify(report.body));
    const khmChief = await watchedPage(browser, { width: 1366, height: 900 }, 'Asia/Phnom_Penh');
    await signIn(khmChief.page, khm.url, 'sokha', '/?kinds=hit-notice');
    const hitRow = khmChief.page.locator('#feed li[data-message-id]').first();
    await hitRow.waitFor({ timeout: 20_000 });
    await hitRow.click();
    await khmChief.page.getByRole('button', { name: 'Request the detail behind this hit' }).click();
    const ask = khmChief.page.locator('#detail form');
    assert.equal(await ask.getByLabel('Asked of').inputValue(), 'IDN');
    await ask.getByLabel('Case reference').fill('KHM-2026-000901');
    await ask.getByRole('button', { name: 'Send the request' }).click();
    await ask.locator('.form-status', { hasText: 'Request sent.' }).waitFor({ timeout: 20_000 });
    await waitForAnswer(async () => {
      const received = await getJson<{ summary: { sender: string; followsUpHitId?: string } }[]>(`${idn.url}/api/received?kinds=assistance-request`);
      return received.body.some((record) => record.summary.sender === 'KHM' && Boolean(record.summary.followsUpHitId));
    }, 'IDN receives the request for the detail behind the hit');
    assert.deepEqual(khmChief.errors, []);

    // IDN withdraws its request; KHM sees the case withdrawn, with the reason.
    await idnChief.page.getByRole('button', { name: 'Withdraw or correct' }).click();
    const retraction = idnChief.page.locator('#detail form');
    await retraction.getByLabel('Reason').fill('the victims reached the embassy on their own');
    await retraction.getByRole('button', { name: 'Send the retraction' }).click();
    await retraction.locator('.form-status', { hasText: 'Retraction sent.' }).waitFor({ timeout: 20_000 });
    await page.goto(`${khm.url}/?case=${CASE}`);
    await page.locator(`#detail .thread li[data-message-id="${requestId}"]`, { hasText: 'Withdrawn: the victims reached the embassy on their own' }).waitFor({ timeout: 20_000 });
    await page.goto(`${khm.url}/`);
    await page.locator(`#feed li[data-message-id="${requestId}"].is-withdrawn`).waitFor({ timeout: 20_000 });
    assert.deepEqual(idnChief.errors, []);
    assert.deepEqual(khmOfficer.errors, []);
  });
});
