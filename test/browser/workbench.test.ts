import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkbenchHarness } from './support/workbench-harness.ts';
import { launchChromium, screenshot, seriousViolations, watchedPage } from './support/browser-session.ts';
import { RESCUE_ID } from './support/workbench-fixtures.ts';

describe('the workbench against contract-shaped answers (harness node, chromium)', () => {
  test('smoke', async (t) => {
    const harness = await startWorkbenchHarness(t);
    const browser = await launchChromium(t);
    const { page, errors } = await watchedPage(browser, { width: 1366, height: 900 });
    await page.goto(harness.url);
    await page.locator(`#feed li[data-message-id="${RESCUE_ID}"]`).waitFor();
    await page.locator(`#feed li[data-message-id="${RESCUE_ID}"]`).click();
    await page.locator('#detail .route-map svg path').first().waitFor();
    await screenshot(page, 'smoke');
    console.log(errors, await seriousViolations(page));
    assert.deepEqual(errors, []);
  });
});
