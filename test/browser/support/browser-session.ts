// Debian's chromium through playwright-core, closed in t.after; page errors and CSP refusals
// are collected so a test can assert there were none. Screenshots go to the git-ignored
// test-output/screenshots/ for a person to look at.
import type { TestContext } from 'node:test';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const SCREENSHOTS = new URL('../../../test-output/screenshots/', import.meta.url);

export async function launchChromium(t: TestContext): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  t.after(() => browser.close());
  return browser;
}

/** A page that records uncaught errors and console errors (a CSP refusal is one), in the given zone. */
export async function watchedPage(browser: Browser, viewport: { width: number; height: number }, timezoneId?: string): Promise<{ page: Page; errors: string[] }> {
  // axe needs a page of an explicit context (browser.newPage's own context is refused).
  const context = await browser.newContext({ viewport, ...(timezoneId ? { timezoneId } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A refused request (422, 404) is the node answering, which tests assert themselves; a CSP
  // refusal or a script error is the page breaking.
  page.on('console', (message) => { if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text()); });
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: false });
}

/** Serious or critical axe violations, as "rule: target" lines (empty when none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary ?? ''}`));
}
