/**
 * Pin and compare in real headless Chromium on the production build: pin a gradient-descent run, move the
 * batch slider, and the pinned curves stay (same run id, same values) with their label while the current run
 * is replaced; the share link's `pin=` entry reproduces the pin, recomputed from its parameters to the same
 * values. A screenshot at 1440×900 goes to test-artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, runBrowserTests, waitForCompleteRun, warnIfSkipped, sharedBuild } from './browserHarness';
import { serveDirectory, type StaticServer } from './staticServer';

warnIfSkipped('pins.test.ts');

/** Small runs: what is tested does not depend on the sizes. Gradient descent (b = 1) is the run pinned. */
const query = 'samples=2000&dim=200&seeds=2&horizon=3&batch-fraction=1';

interface Mark {
  run: string;
  finalValue: string;
  points: string;
}

/** The train-loss panel's marks of pin 1 by source, and of the current run's SGF theory. */
async function trainLossMarks(page: Page): Promise<{ pinned: Record<string, Mark>; current: Mark | null; label: string | null; legend: string | null }> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-panel="trainLoss"]')!;
    const mark = (element: Element | null) =>
      element && {
        run: element.getAttribute('data-run') ?? '',
        finalValue: element.getAttribute('data-final-value') ?? '',
        points: element.getAttribute('data-points') ?? '',
      };
    const pinned = Object.fromEntries(
      [...panel.querySelectorAll('[data-pin="1"][data-series][data-quantity="trainLoss"]')].map((element) => [element.getAttribute('data-series'), mark(element)]),
    );
    return {
      pinned,
      current: mark(panel.querySelector('path[data-series="theory"][data-quantity="trainLoss"][data-stale="false"]')),
      label: panel.querySelector('[data-pin-label="1"] title')?.textContent ?? null,
      legend: panel.querySelector('[data-pin-entry="1"]')?.textContent ?? null,
    };
  });
}

describe.skipIf(!runBrowserTests)('pinned runs in Chromium', () => {
  let buildDir = '';
  let server: StaticServer | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    buildDir = sharedBuild(); // read only: shared by every e2e file
    server = await serveDirectory(buildDir);
    browser = await launchBrowser();
    mkdirSync(artifactsDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps a pinned run drawn with its label while the slider replaces the current run, and a link with the pin reproduces it', async () => {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server!.url}?${query}`);
    await waitForCompleteRun(page);
    const pinnedRun = await page.locator('.run-status').getAttribute('data-run-id');
    await page.getByRole('button', { name: /Pin run/ }).click();
    const pinned = await trainLossMarks(page);
    expect(Object.keys(pinned.pinned).sort()).toEqual(['sgd', 'theory']); // b = 1: the two theories coincide, drawn once
    expect(pinned.pinned.theory.run).toBe(pinnedRun);
    expect(pinned.label).toBe('pin 1: same parameters as now');

    // Drag b down (keyboard steps on the slider): a new current run, the pin unchanged beside it.
    await page.getByRole('slider', { name: /batch fraction b/ }).focus();
    for (let press = 0; press < 10; press++) await page.keyboard.press('ArrowLeft');
    const movedTo = await page.getByRole('slider', { name: /batch fraction b/ }).getAttribute('aria-valuetext');
    expect(movedTo).toBe('b = 0.1');
    await page.waitForFunction((run) => document.querySelector('.run-status')?.getAttribute('data-run-id') !== run, pinnedRun);
    const runAfter = (await page.locator('.run-status').getAttribute('data-run-id'))!;
    await waitForCompleteRun(page, runAfter);
    const after = await trainLossMarks(page);
    expect(after.pinned).toEqual(pinned.pinned);
    expect(after.current?.run).toBe(runAfter);
    expect(after.current?.run).not.toBe(pinnedRun);
    expect(after.label).toBe('pin 1: b = 1');
    expect(after.legend).toContain('pin 1: b = 1 (faded)');
    expect(await page.locator('[data-pin-label="1"]').count()).toBeGreaterThanOrEqual(4); // every plot labels it
    console.log(
      `pins e2e: train loss at T = 3: pinned gradient descent ${Number(pinned.pinned.theory.finalValue).toFixed(4)}, current b = 0.1 ${Number(after.current?.finalValue).toFixed(4)} (DMFT of the SGF)`,
    );
    await page.screenshot({ path: join(artifactsDir, 'pins-1440.png') });

    // The image export of a plot draws the pin as the page does, with its label.
    await page.locator('details.export-menu > summary').click();
    await page.locator('#export-target').selectOption('trainLoss');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="svg"]').click()]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toContain('data-pin="1"');
    expect(svg).toContain('pin 1: b = 1');
    await page.locator('details.export-menu > summary').click();

    // The share link holds the pin; opened afresh, it is recomputed to the same values and never drawn as current.
    await page.waitForFunction(() => new URLSearchParams(location.search).get('pin') === 'batch-fraction:1');
    const link = page.url();
    const fresh = await context.newPage();
    fresh.on('pageerror', (error) => errors.push(error.message));
    await fresh.goto(link);
    await waitForCompleteRun(fresh);
    await fresh.waitForFunction(() => {
      const entry = document.querySelector('[data-panel="trainLoss"] [data-pin-entry="1"]');
      return entry !== null && !(entry.textContent ?? '').includes('computing');
    });
    const reproduced = await trainLossMarks(fresh);
    for (const source of ['theory', 'sgd']) {
      expect(reproduced.pinned[source].finalValue, source).toBe(pinned.pinned[source].finalValue);
      expect(reproduced.pinned[source].points, source).toBe(pinned.pinned[source].points);
      expect(Number(reproduced.pinned[source].run), source).toBeLessThan(0);
    }
    expect(reproduced.label).toBe('pin 1: b = 1');
    expect(reproduced.current?.finalValue).toBe(after.current?.finalValue);
    await fresh.screenshot({ path: join(artifactsDir, 'pins-from-link-1440.png') });

    // Unpinning from the legend removes it from every plot and from the link.
    await fresh.getByRole('button', { name: 'unpin 1' }).first().click();
    expect(await fresh.locator('[data-pin]').count()).toBe(0);
    await fresh.waitForFunction(() => !new URLSearchParams(location.search).has('pin'));

    // The remaining parameters have fields of their own under Advanced settings (issue 12 item 6).
    await fresh.locator('details.advanced > summary').click();
    for (const label of [/grid step Δt/, /response estimator/, /response samples N_R/, /initial weights σ₀/, /SGD batches/]) {
      expect(await fresh.getByLabel(label).isVisible(), String(label)).toBe(true);
    }
    await fresh.locator('details.advanced').scrollIntoViewIfNeeded();
    await fresh.screenshot({ path: join(artifactsDir, 'pins-advanced-1440.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
