// A case's links in the workbench (chromium against the harness node): the counterpart states with
// their hit ids and how they matched, follow-ups under their hit, the linked own case that opens
// on a click, a refresh when a hit arrives, and no serious axe violation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { CaseLinks } from '../../services/node/mod.ts';
import { startWorkbenchHarness } from './support/workbench-harness.ts';
import { launchChromium, screenshot, seriousViolations, watchedPage } from './support/browser-session.ts';
import { HIT_QUERY, HIT_REPORT, LINKED_CASE, RESCUE_CASE, SENT_CASE, SENT_ID, summaryOf } from './support/workbench-fixtures.ts';
import { exitWhenDone } from '../support/exit-when-done.ts';

exitWhenDone();

async function openCase(t: TestContext, caseReference: string) {
  const harness = await startWorkbenchHarness(t, { role: 'officer' });
  const browser = await launchChromium(t);
  const { page, errors } = await watchedPage(browser, { width: 1366, height: 900 }, 'Asia/Phnom_Penh');
  await page.goto(`${harness.url}/?case=${caseReference}`);
  await page.locator('#feed li[data-message-id]').first().waitFor();
  await page.locator('#detail .case-links').waitFor();
  return { harness, page, errors };
}

describe("a case's links in the workbench (harness node, chromium)", () => {
  test('the Links section names the counterpart states with their hit ids and how they matched, follow-ups under their hit, and the linked own case, which opens on a click', async (t) => {
    const { page, errors } = await openCase(t, SENT_CASE);
    const links = page.locator('#detail .case-links');
    const hits = links.locator('li[data-hit-id]');
    assert.deepEqual(await hits.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-hit-id'))), [HIT_REPORT, HIT_QUERY]);
    assert.match(await hits.nth(0).innerText(), /Malaysia \(MYS\) · hit 5b0c7e2a… · their report matched our e-wallet \(1 identifier\)/);
    assert.match(await hits.nth(0).locator('.follow-ups').innerText(), /Request received/);
    assert.match(await hits.nth(1).innerText(), /\(VNM\) · hit 9e1d4c7a… · their query matched our e-wallet/);
    assert.equal(await hits.nth(0).locator('[title]').getAttribute('title'), HIT_REPORT, 'the whole hit id is at hand');
    // The drawing says the same for the eye; the lists carry it for screen readers.
    assert.equal(await links.locator('figure.link-graph').getAttribute('aria-hidden'), 'true');
    assert.deepEqual(await links.locator('figure.link-graph .graph-title').allTextContents(), ['MYS · hit 5b0c7e2a…', 'VNM · hit 9e1d4c7a…', LINKED_CASE, SENT_CASE]);
    assert.match(await links.innerText(), new RegExp(`${LINKED_CASE} \\(open the case\\)\\s*· 1 shared identifier: e-wallet`));
    assert.deepEqual(await seriousViolations(page), []);
    await links.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-links-1366');

    await links.getByRole('button', { name: `${LINKED_CASE} (open the case)` }).click();
    await page.waitForURL((url) => url.searchParams.get('case') === LINKED_CASE);
    await page.locator('#detail h3', { hasText: `Case ${LINKED_CASE}` }).waitFor();
    await page.locator('#detail .case-links li[data-case]').first().waitFor();
    assert.equal(await page.locator('#detail .case-links li[data-case]').getAttribute('data-case'), SENT_CASE);
    assert.match(await page.locator('#detail .case-links').innerText(), /No hit reported yet/);
    assert.deepEqual(errors, []);
  });

  test('a hit notice arriving while the case is open adds its state to the links', async (t) => {
    const { harness, page, errors } = await openCase(t, SENT_CASE);
    const graph = harness.fixtures.links.get(SENT_CASE) as CaseLinks;
    harness.fixtures.links.set(SENT_CASE, {
      ...graph,
      counterparts: [...graph.counterparts, {
        hitId: 'hit-0123456789abcdef', counterpartState: 'PHL', via: 'report', ourMessageId: SENT_ID, identifierKind: 'e-wallet', matchedIdentifiers: 2, atUnixMs: Date.now(), exercise: false, followUps: [],
      }],
    });
    const summary = summaryOf({ messageId: '0a000000-0000-4000-8000-0000000000f1', payloadName: 'hit-notice', kind: 'hit-notice', sender: 'HUB', senderUnit: 'HUB', headline: 'hit with PHL on 2 identifier(s)', relatedMessageId: SENT_ID });
    harness.push('delivery', { event: 'delivery', summary, atUnixMs: Date.now() });
    const added = page.locator('#detail .case-links li[data-hit-id="hit-0123456789abcdef"]');
    await added.waitFor();
    assert.match(await added.innerText(), /Philippines \(PHL\) · hit 01234567… · their report matched our e-wallet \(2 identifiers\)/);
    assert.deepEqual(errors, []);
  });

  test("a case this state sent nothing in says it has no links", async (t) => {
    const { page, errors } = await openCase(t, RESCUE_CASE);
    assert.match(await page.locator('#detail .case-links').innerText(), /No links: this state has sent no message in this case/);
    assert.deepEqual(errors, []);
  });
});
