// The workbench's views in chromium against a harness node that answers the workbench API with
// contract-shaped fixtures (test/browser/support/workbench-harness.ts): paging, filters in the
// URL, the detail in plain words with its map, the case thread, forms with inline errors, the
// phone layout, axe checks and screenshots. The real topology is walked in workbench-flows.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { startWorkbenchHarness } from './support/workbench-harness.ts';
import { launchChromium, screenshot, seriousViolations, watchedPage } from './support/browser-session.ts';
import { CORRECTED_ID, HIT_ID, idOf, summaryOf, REPLACEMENT_ID, REPORT_ID, RESCUE_CASE, RESCUE_ID, SENT_ID, WITHDRAWN_ID } from './support/workbench-fixtures.ts';
import { exitWhenDone } from '../support/exit-when-done.ts';

exitWhenDone();

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const ZONE = 'Asia/Phnom_Penh';

async function open(t: TestContext, viewport = DESKTOP, role: 'officer' | 'supervisor' = 'officer', path = '/') {
  const harness = await startWorkbenchHarness(t, { role });
  const browser = await launchChromium(t);
  const { page, errors } = await watchedPage(browser, viewport, ZONE);
  await page.goto(`${harness.url}${path}`);
  await page.locator('#feed li[data-message-id]').first().waitFor();
  return { harness, page, errors };
}

const row = (page: Page, messageId: string) => page.locator(`#feed li[data-message-id="${messageId}"]`);
const search = (page: Page) => new URL(page.url()).searchParams;

describe('the workbench against contract-shaped answers (harness node, chromium)', () => {
  test('the inbox is paged on the server, 50 a page, in a list with its own scroll; pages and filters live in the URL and survive a reload', async (t) => {
    const { harness, page, errors } = await open(t);
    assert.equal(await page.locator('#feed[role=listbox] > li[role=option]').count(), 50);
    assert.match(await page.locator('#feed-count').innerText(), /1–50 of 130/);
    const sizes = await page.evaluate<{ page: number; list: number; box: number }>(
      '({ page: document.documentElement.scrollHeight, list: document.querySelector("#feed").scrollHeight, box: document.querySelector("#feed").clientHeight })');
    assert.ok(sizes.page < 1400, `the page stays short (${sizes.page} px)`);
    assert.ok(sizes.list > sizes.box, 'the list scrolls on its own');
    assert.equal(await row(page, RESCUE_ID).locator('.headline').evaluate((node) => (node.ownerDocument.defaultView as unknown as { getComputedStyle(n: unknown): { fontWeight: string } }).getComputedStyle(node).fontWeight), '700', 'unread rows are bold');
    assert.match(await row(page, WITHDRAWN_ID).innerText(), /Withdrawn: sent to the wrong states/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'inbox-1366');

    // Page 3, its last row: the detail shows next to the list, in view.
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('#feed-count', { hasText: '51–100 of 130' }).waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('#feed-count', { hasText: '101–130 of 130' }).waitFor();
    assert.equal(search(page).get('page'), '3');
    const last = page.locator('#feed li[data-message-id]').last();
    const lastId = await last.getAttribute('data-message-id');
    await last.click();
    await page.locator('#detail .headline').waitFor();
    assert.equal(search(page).get('open'), lastId);
    const box = await page.locator('#detail .headline').boundingBox();
    assert.ok(box && box.y >= 0 && box.y < DESKTOP.height, `the detail is in view (y=${box?.y})`);

    // Keyboard: the list is a listbox; arrows move, Enter opens.
    await page.locator(`#feed li[aria-selected="true"]`).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const second = await page.locator('#feed li[data-message-id]').nth(1).getAttribute('data-message-id');
    await page.waitForURL((url) => url.searchParams.get('open') === second);

    // Filters go to the server and into the URL; a reload shows the same view.
    await page.locator('#filters select[name=kinds]').selectOption('rescue-request');
    await page.locator('#filters input[name=unread]').check();
    await page.locator('#filters select[name=sort]').selectOption('deadline');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#feed-count', { hasText: '1–1 of 1' }).waitFor();
    assert.equal(search(page).get('kinds'), 'rescue-request');
    assert.equal(search(page).get('unread'), 'true');
    assert.match(harness.inboxQueries.at(-1) ?? '', /kinds=rescue-request.*sort=deadline.*unread=true.*page=1&pageSize=50/);
    await page.reload();
    await page.locator('#feed-count', { hasText: '1–1 of 1' }).waitFor();
    assert.equal(await page.locator('#filters select[name=kinds]').inputValue(), 'rescue-request');
    assert.equal(await page.locator('#filters input[name=unread]').isChecked(), true);
    assert.deepEqual(errors, []);
  });

  test('a delivery on the live feed refreshes the page in view, without a reload, and keeps the open message', async (t) => {
    const { harness, page, errors } = await open(t, DESKTOP, 'officer', `/?open=${RESCUE_ID}`);
    await page.locator('#connection.live').waitFor();
    await page.locator('#detail .route-map').waitFor();
    const messageId = idOf(5000);
    const summary = summaryOf({ messageId, kind: 'rescue-request', priority: 'immediate', sender: 'THA', headline: 'Eleven workers call for help from a compound in Myawaddy', createdAtUnixMs: Date.now() });
    harness.fixtures.items.push({ messageId, direction: 'received', atUnixMs: Date.now(), unread: true, summary });
    harness.push('delivery', { event: 'delivery', summary, atUnixMs: Date.now() });
    await row(page, messageId).waitFor();
    assert.equal(await row(page, messageId).evaluate((node) => node.previousElementSibling), null, 'the newest is first');
    assert.equal(await page.locator('#feed li[aria-selected="true"]').getAttribute('data-message-id'), RESCUE_ID);
    assert.equal(search(page).get('open'), RESCUE_ID);
    assert.deepEqual(errors, []);
  });

  test('a rescue request in plain words: kind, priority, handling and what it permits, victims without identifiers, route map, deadline in the officer\'s zone', async (t) => {
    const { page, errors } = await open(t, DESKTOP, 'officer', `/?open=${RESCUE_ID}`);
    const detail = page.locator('#detail');
    await detail.getByText('3 persons, 18 to 24, male, nationality Indonesia (IDN)').waitFor();
    const text = await detail.innerText();
    for (const words of ['Rescue request', 'Immediate', 'TLP:AMBER — Recipients may share it only on a need-to-know basis', '2 identifiers: passport, phone (kept as keyed hashes)',
      'Rescue', 'Repatriate', 'Social media', 'Sihanoukville, Cambodia (KHM) (10.627, 103.522)', 'Opened here by sokha']) {
      assert.ok(text.includes(words), `the detail says "${words}"`);
    }
    assert.match(text, /Reply by \d+ Dec 2026, \d\d:\d\d ICT \(UTC\+7\)/);
    assert.doesNotMatch(text, /undefined|NaN|rescue-request|RESCUE_REQUEST/);
    const map = detail.locator('.route-map svg');
    await map.locator('.land path').first().waitFor();
    assert.equal(await map.locator('circle.leg-point').count(), 3);
    assert.equal(await map.locator('polyline.leg-line').count(), 1);
    assert.match(await map.getAttribute('aria-label') ?? '', /Origin: Medan, Indonesia \(IDN\) \(marked at the capital, Jakarta\)/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'detail-1366');
    assert.deepEqual(errors, []);
  });

  test('an intelligence report shows its Admiralty grade spelled out, its indicators by kind (a keyed one without value) and what recipients may do', async (t) => {
    const { page, errors } = await open(t, DESKTOP, 'officer', `/?open=${REPORT_ID}`);
    const detail = page.locator('#detail');
    await detail.getByText('B2: usually reliable, probably true').waitFor();
    const text = await detail.innerText();
    for (const words of ['Intelligence report', 'TLP:AMBER+STRICT — Recipients may share it only on a need-to-know basis, within their own organisation.',
      'Phone number: value kept as a keyed hash, for matching only', 'Web address: https://jobs.example/cs-bavet on Facebook; last known at Bavet, Cambodia (KHM) (11.066, 106.133)',
      'May be shared with law enforcement', 'May be used as evidence']) {
      assert.ok(text.includes(words), `the detail says "${words}"`);
    }
    assert.equal(await detail.locator('.route-map rect.place-point').count(), 1, 'the indicator\'s last-known place is marked');
    assert.deepEqual(errors, []);
  });

  test('a corrected request links to its replacement and back; a delayed deadline shows the new time and the reason', async (t) => {
    const { page, errors } = await open(t, DESKTOP, 'officer', `/?open=${CORRECTED_ID}`);
    await page.locator('#detail').getByText('Corrected: five women, not four; see the replacement message').waitFor();
    await page.locator('#detail').getByRole('button', { name: REPLACEMENT_ID }).click();
    await page.waitForURL((url) => url.searchParams.get('open') === REPLACEMENT_ID);
    await page.locator('#detail').getByText('This message corrects').waitFor();
    assert.match(await page.locator('#detail').innerText(), /Delayed to \d+ Dec 2026, \d\d:\d\d ICT \(UTC\+7\) \(the shelter confirms its places tomorrow\)/);
    assert.match(await row(page, REPLACEMENT_ID).innerText(), /Delayed to .* \(the shelter confirms its places tomorrow\)/);
    assert.deepEqual(errors, []);
  });

  test('a case is one thread, oldest first, with the withdrawn message struck and its reason', async (t) => {
    const { page, errors } = await open(t, DESKTOP, 'officer', `/?open=${RESCUE_ID}`);
    await page.getByRole('button', { name: `${RESCUE_CASE} (open the case)` }).click();
    await page.waitForURL((url) => url.searchParams.get('case') === RESCUE_CASE);
    const entries = page.locator('#detail .thread > li');
    await entries.first().waitFor();
    assert.deepEqual(await entries.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-message-id'))), [WITHDRAWN_ID, RESCUE_ID]);
    assert.match(await entries.first().innerText(), /Withdrawn: sent to the wrong states/);
    await screenshot(page, 'case-1366');
    await page.getByRole('button', { name: /Three Indonesian nationals/ }).click();
    await page.waitForURL((url) => url.searchParams.get('open') === RESCUE_ID);
    assert.deepEqual(errors, []);
  });

  test('an officer answers a rescue request "Delayed, with reason": the form says what is missing next to each field, then sends the answer to the requester', async (t) => {
    const { harness, page, errors } = await open(t, DESKTOP, 'officer', `/?open=${RESCUE_ID}`);
    assert.equal(await page.locator('#compose-actions').isVisible(), false, 'an officer does not compose alerts');
    await page.getByRole('button', { name: 'Answer this request' }).click();
    const form = page.locator('#detail form');
    await form.getByLabel('Outcome').selectOption('delayed');
    await form.getByRole('button', { name: 'Send the answer' }).click();
    await form.locator('[data-path="payload.summary"] .field-error', { hasText: 'Say why the answer is delayed.' }).waitFor();
    assert.equal(await form.locator('[data-path="payload.expectedCompletion"] .field-error').innerText(), 'Give the new expected completion.');
    assert.equal(await form.getByLabel('Summary').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'answer-form-1366');
    await form.getByLabel('Summary').fill('The compound is being raided tonight; results tomorrow.');
    await form.getByLabel('Expected completion').fill('2030-01-02T09:30');
    await form.getByLabel('Persons assisted').fill('3');
    await form.getByRole('button', { name: 'Send the answer' }).click();
    await form.locator('.form-status', { hasText: 'Answer sent.' }).waitFor();
    const sent = harness.submitted.at(-1) as { type: string; distribution: unknown; inReplyTo: string; caseReference: string; payload: Record<string, unknown> };
    assert.equal(sent.type, 'assistance-response');
    assert.deepEqual(sent.distribution, { mode: 'named', states: ['IDN'] });
    assert.equal(sent.caseReference, RESCUE_CASE);
    assert.deepEqual(sent.payload, { requestMessageId: RESCUE_ID, outcome: 'delayed', summary: 'The compound is being raided tonight; results tomorrow.', personsAssisted: 3, expectedCompletion: new Date(Date.UTC(2030, 0, 2, 2, 30)).toISOString() });
    assert.deepEqual(errors, []);
  });

  test('a supervisor composes a case alert: the TLP:RED rule is said before sending, and the node\'s own refusal lands at the field it names', async (t) => {
    const { harness, page, errors } = await open(t, DESKTOP, 'supervisor');
    await page.getByRole('button', { name: 'New case alert' }).click();
    const form = page.locator('#detail form');
    await form.getByLabel('Case reference').fill('KHM-2026-000777');
    await form.getByLabel('Handling (TLP)').selectOption('red');
    await form.locator('[name="payload.summary"]').fill('Two minors seen at the compound [refuse]');
    await form.getByRole('button', { name: 'Send the alert' }).click();
    await form.locator('[data-path="distribution.mode"] .field-error', { hasText: 'TLP:RED goes to named states only' }).waitFor();
    await form.getByLabel('Send to').selectOption('named');
    await form.getByLabel('Named states (codes, comma separated)').fill('THA, VNM');
    await form.getByRole('button', { name: 'Send the alert' }).click();
    await form.locator('[data-path="payload.summary"] .field-error', { hasText: 'is refused by the harness (a test marker)' }).waitFor();
    assert.equal(harness.submitted.length, 0, 'nothing was sent');
    await screenshot(page, 'compose-alert-1366');
    await form.locator('[name="payload.summary"]').fill('Two minors seen at the compound');
    await form.getByRole('button', { name: 'Send the alert' }).click();
    await form.locator('.form-status', { hasText: 'Alert sent.' }).waitFor();
    const sent = harness.submitted.at(-1) as { type: string; handling: string; distribution: unknown; caseReference: string; senderUnit: string };
    assert.deepEqual([sent.type, sent.handling, sent.caseReference, sent.senderUnit], ['case-alert', 'red', 'KHM-2026-000777', 'KHM-NCB-PHNOM-PENH']);
    assert.deepEqual(sent.distribution, { mode: 'named', states: ['THA', 'VNM'] });
    assert.deepEqual(errors, []);
  });

  test('a hit notice leads to "Request the detail behind this hit": an information request to the counterpart, naming the hit it follows up', async (t) => {
    const { harness, page, errors } = await open(t, DESKTOP, 'supervisor', `/?open=${HIT_ID}`);
    await page.getByRole('button', { name: 'Request the detail behind this hit' }).click();
    const form = page.locator('#detail form');
    assert.equal(await form.getByLabel('Asked of').inputValue(), 'MYS');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await form.locator('.form-status', { hasText: 'Request sent.' }).waitFor();
    const sent = harness.submitted.at(-1) as { type: string; distribution: unknown; payload: Record<string, unknown> };
    assert.equal(sent.type, 'assistance-request');
    assert.deepEqual(sent.distribution, { mode: 'named', states: ['MYS'] });
    assert.equal(sent.payload.followsUpHitId, 'hit-1');
    assert.equal(sent.payload.relatedMessageId, undefined, 'the hub\'s notice is not named: the counterpart never saw it');
    assert.equal(sent.payload.requestedState, 'MYS');
    assert.deepEqual(errors, []);
  });

  test("a request following up a hit says which hit, how it came about and which of our messages and cases it concerns", async (t) => {
    const { page, errors } = await open(t, DESKTOP, 'officer', `/?open=${REPLACEMENT_ID}`);
    await page.locator('#detail').getByText(`Hit hit-7: Philippines (PHL): their report matched our identifier (our message ${SENT_ID}, case KHM-2026-000045)`).waitFor();
    assert.deepEqual(errors, []);
  });

  test('the sent box shows receipts per state and who is late; a supervisor may withdraw a request', async (t) => {
    const { harness, page, errors } = await open(t, DESKTOP, 'supervisor', '/?box=sent');
    await row(page, SENT_ID).getByText('MYS: read by MYS-PDRM (officer aminah)').waitFor();
    assert.match(await row(page, SENT_ID).innerText(), /late: MYS/);
    await row(page, SENT_ID).click();
    await page.locator('#detail table.receipts').waitFor();
    assert.match(await page.locator('#detail table.receipts').innerText(), /Malaysia \(MYS\)\s+read/);
    await page.getByRole('button', { name: 'Withdraw or correct' }).click();
    const form = page.locator('#detail form');
    await form.getByLabel('Reason').fill('answered by other means');
    await form.getByRole('button', { name: 'Send the retraction' }).click();
    await form.locator('.form-status', { hasText: 'Retraction sent.' }).waitFor();
    assert.deepEqual((harness.submitted.at(-1) as { payload: unknown }).payload, { retractedMessageId: SENT_ID, kind: 'withdraw', reason: 'answered by other means' });
    assert.deepEqual(errors, []);
  });

  test('on a phone the list and the open message are separate views with a Back control', async (t) => {
    const { page, errors } = await open(t, PHONE);
    assert.equal(await page.locator('.detail').isVisible(), false);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'inbox-390');
    await row(page, RESCUE_ID).click();
    await page.locator('#detail .route-map svg').waitFor();
    assert.equal(await page.locator('.feed').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: '← Back to the list' }).isVisible(), true);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= PHONE.width, `nothing wider than the phone (${width} px)`);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'detail-390');
    await page.getByRole('button', { name: '← Back to the list' }).click();
    await row(page, RESCUE_ID).waitFor();
    assert.equal(search(page).get('open'), null);
    assert.equal(await page.locator('#filters').isVisible(), false, 'the filters fold away on a phone');
    await page.locator('#filter-panel > summary').click();
    assert.equal(await page.locator('#filters').isVisible(), true);

    // The case and the answer form, each as its own view.
    await row(page, RESCUE_ID).click();
    await page.getByRole('button', { name: `${RESCUE_CASE} (open the case)` }).click();
    await page.locator('#detail .thread > li').first().waitFor();
    await screenshot(page, 'case-390');
    await page.getByRole('button', { name: /Three Indonesian nationals/ }).click();
    await page.getByRole('button', { name: 'Answer this request' }).click();
    await page.locator('#detail form').getByLabel('Outcome').selectOption('delayed');
    await page.locator('#detail form').getByRole('button', { name: 'Send the answer' }).click();
    await page.locator('#detail form .form-errors p').waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'answer-form-390');
    assert.equal(await page.locator('.feed').isVisible(), false);
    assert.deepEqual(errors, []);
  });
});
