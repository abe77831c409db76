/**
 * The theory on every core, in Chromium (issue 14 item 1): a DMFT worker spreads its solve over itself and
 * nested block workers (src/pipeline/blockPool.ts); the theories get as many threads as the page's cores up to 4,
 * split between the SGF's and SGD's DMFT workers (theoryAssignments). Their rows are the one-thread solve's, bit
 * for bit; a block worker that dies fails the theory with a message saying so, nothing of it stays drawn as
 * current, and Retry recovers. (W = 3 on one solve, which no page gets now, is checked in Node: parallel.test.ts.)
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runBrowserTests, waitForCompleteRun, warnIfSkipped, watchedPage, openSharedPage } from './browserHarness';

warnIfSkipped('theoryThreads.test.ts');

/** Init script factory: the page reports `cores` logical cores (the run manager sizes the theory's threads from it). */
function reportCores(cores: number): () => void {
  return new Function(`Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { configurable: true, get: () => ${cores} });`) as () => void;
}

async function openWithCores(browser: Browser, cores: number): Promise<{ page: Page; consoleErrors: string[] }> {
  return watchedPage(browser, { viewport: { width: 1280, height: 800 } }, reportCores(cores));
}

/** The export of one series group as the page writes it (shortest round-trip numbers: equal text is equal bits). */
async function exported(page: Page, source: string): Promise<string> {
  const menu = page.locator('details.export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${source}-json"]`).click()]);
  return readFileSync((await download.path())!, 'utf8');
}

/** Moves α one step and returns the new run's id (the first run of a page may start before its block workers have loaded). */
async function nextRun(page: Page): Promise<string> {
  const run = Number(await page.locator('.run-status').getAttribute('data-run-id'));
  await page.getByRole('slider', { name: /sample ratio α/ }).focus();
  await page.keyboard.press('ArrowRight');
  return String(run + 1);
}

function blockWorkers(page: Page): number {
  return page.workers().filter((worker) => /dmftBlock\.worker/.test(worker.url())).length;
}

describe.skipIf(!runBrowserTests)('the theory on the page\u2019s cores', () => {
  let page: Page;
  let consoleErrors: string[] = [];
  const app = openSharedPage({}, (opened) => ({ page, consoleErrors } = opened));

  it('on 1, 3 and 4 cores (each theory on 1, 2 or 1, 2 and 2 threads) draws the same theory rows, bit for bit, for the SGF and the SGD theory', async () => {
    await page.close();
    const query = '?seeds=1&dim=100&samples=12000'; // 6 blocks of trajectories
    const runs: Record<number, { theory: string; sgdTheory: string; blockWorkers: number }> = {};
    for (const cores of [1, 3, 4]) {
      const opened = await openWithCores(app.browser, cores);
      await opened.page.goto(app.url + query);
      await waitForCompleteRun(opened.page);
      await waitForCompleteRun(opened.page, await nextRun(opened.page));
      runs[cores] = { theory: await exported(opened.page, 'theory'), sgdTheory: await exported(opened.page, 'sgdTheory'), blockWorkers: blockWorkers(opened.page) };
      expect(opened.consoleErrors).toEqual([]);
      await opened.page.context().close();
    }
    // W threads of a theory: its DMFT worker and W − 1 block workers (3 cores: the SGF's 2 and SGD's 1; 4 cores: 2 and 2).
    expect([1, 3, 4].map((cores) => runs[cores].blockWorkers)).toEqual([0, 1, 2]);
    expect(JSON.parse(runs[1].theory).t.length).toBeGreaterThan(10);
    for (const cores of [3, 4]) {
      expect(runs[cores].theory, `theory on ${cores} threads`).toBe(runs[1].theory);
      expect(runs[cores].sgdTheory, `SGD theory on ${cores} threads`).toBe(runs[1].sgdTheory);
    }
  });

  it('a block worker that dies fails the theory with a message saying so; nothing of it stays current, and Retry recovers', async () => {
    const opened = await openWithCores(app.browser, 3); // the SGF theory on 2 threads: one block worker
    ({ page, consoleErrors } = opened);
    // N = 60 000: seconds of theory, so that the block worker is killed mid-solve (of the second run: the first may start without it).
    await page.goto(`${app.url}?dim=100&seeds=1&samples=60000`);
    await waitForCompleteRun(page, undefined, 180_000);
    const run = await nextRun(page);
    await page.waitForSelector(`[data-series="theory"][data-run="${run}"]`);
    const block = page.workers().find((worker) => /dmftBlock\.worker/.test(worker.url()));
    expect(block).toBeDefined();
    // It closes itself, as a crash would end it: no message, no error event; its lifeline tells the DMFT worker.
    await block!.evaluate(() => (self as unknown as { close(): void }).close());
    const failure = page.locator('.failure', { hasText: 'DMFT of the SGF failed' });
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toMatch(/block worker stopped unexpectedly/);
    await page.waitForFunction(() => (document.querySelector('.run-status [role="status"]')?.textContent ?? '').includes('simulations 100%'), null, { timeout: 120_000 });
    expect(await page.locator('.run-status [role="status"]').textContent()).not.toContain('theory 100%');
    // Only this run's theory is drawn (up to where it failed): nothing of another run.
    const theoryRuns = await page.evaluate(() => [...new Set([...document.querySelectorAll('[data-series="theory"]')].map((element) => element.getAttribute('data-run')))]);
    expect(theoryRuns).toEqual([run]);
    await failure.getByRole('button', { name: 'Retry' }).click();
    await waitForCompleteRun(page, String(Number(run) + 1), 180_000);
    expect(await page.locator('.failure').count()).toBe(0);
    expect(blockWorkers(page)).toBe(1);
    expect(consoleErrors).toEqual([]);
  });
});
