/**
 * The distribution view and the theory bands in real headless Chromium (issue 12 items 1 and 3): with
 * `plots=trainLoss,distribution` the view draws the DMFT's margin distribution against both simulations and the test
 * samples, the train-loss plot its theory band, both of the current run; a parameter change replaces them (the old run
 * only faded and stale, no old band), the view is reached and scrubbed by keyboard, and exports. Printed, not asserted:
 * slider → first theory points, → complete run, → bands drawn, and the longest main-thread task while it updates.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, completeStatus, runBrowserTests, waitForCompleteRun, warnIfSkipped, openSharedPage, runId, completedRunAt, panelRunsBySource } from './browserHarness';

warnIfSkipped('distribution.test.ts');

/** Long tasks, the last key press, and when the current run's lines, simulations and bands are complete. */
function instrumentPage(): void {
  const page = window as unknown as Record<string, unknown>;
  const longTasks: number[] = [];
  page.__longTasks = longTasks;
  page.__keyAt = null;
  page.__marks = {} as Record<string, number>;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('keydown', () => (page.__keyAt = performance.now()), true);
  const watch = (): void => {
    const runId = document.querySelector('.run-status')?.getAttribute('data-run-id') ?? '';
    const marks = page.__marks as Record<string, number>;
    const note = (name: string, reached: boolean): void => {
      if (reached && marks[`${name}:${runId}`] === undefined) marks[`${name}:${runId}`] = performance.now();
    };
    const status = document.querySelector('.run-status [role="status"]')?.textContent ?? '';
    note('first', Number(document.querySelector(`[data-series="theory"][data-run="${runId}"]`)?.getAttribute('data-points') ?? 0) >= 2);
    note('theory', status.includes('theory 100%'));
    note('complete', status.includes('theory 100% · simulations 100%'));
    note('bands', ['theory', 'sgdTheory'].every((source) => document.querySelector(`[data-band="theory-monte-carlo"][data-band-of="${source}"][data-run="${runId}"]`) !== null));
    note('bandsFinal', document.querySelector('[data-theory-band="8"]') !== null && document.querySelectorAll(`[data-band="theory-monte-carlo"][data-run="${runId}"]`).length >= 2);
    note('distribution', ['theory', 'sgf', 'sgd', 'test'].every((source) => document.querySelector(`figure[data-panel="distribution"] [data-series="${source}"][data-run="${runId}"]`) !== null));
  };
  addEventListener('DOMContentLoaded', () => new MutationObserver(watch).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }));
}

async function bandRuns(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('[data-band="theory-monte-carlo"]')].map((element) => element.getAttribute('data-run') ?? ''))].sort());
}

describe.skipIf(!runBrowserTests)('the distribution view and the theory bands in Chromium', () => {
  let page: Page;
  let consoleErrors: string[] = [];
  const app = openSharedPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true }, (opened) => ({ page, consoleErrors } = opened), instrumentPage);

  it('plots=trainLoss,distribution draws the distributions and the theory bands of the current run', async () => {
    const run = await completedRunAt(page, `${app.url}?plots=trainLoss,distribution`);
    await page.waitForFunction((run) => document.querySelectorAll(`[data-band="theory-monte-carlo"][data-run="${run}"]`).length === 2, run, { timeout: 120_000 });
    expect(await page.locator('figure.panel').count()).toBe(2);
    const view = page.locator('figure.panel[data-panel="distribution"]');
    expect(await view.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/^distribution of the training samples' margin y·r/);
    expect(await panelRunsBySource(page, 'distribution')).toEqual({ theory: [run], sgdTheory: [run], sgf: [run], sgd: [run], test: [run] });
    expect(await view.locator('[data-series="theory"]').getAttribute('data-time')).toBe('10');
    expect(await view.locator('.two-time-readout').textContent()).toMatch(/^Fraction of training samples with y·r < 0: DMFT of the SGF 0\.\d+ \(t = 10\)/);
    // The train-loss plot: each theory's band around its own line, and the legend says what it is.
    const trainLoss = page.locator('figure.panel[data-panel="trainLoss"]');
    for (const source of ['theory', 'sgdTheory']) expect(await trainLoss.locator(`[data-band="theory-monte-carlo"][data-band-of="${source}"]`).getAttribute('data-run')).toBe(run);
    const bandEntry = trainLoss.getByRole('button', { name: /band: theory ±1 s\.e\. \(Monte Carlo(, \d\/8)?\)/ });
    expect(await bandEntry.getAttribute('aria-pressed')).toBe('true');
    // Refined replica by replica up to 8.
    await page.waitForSelector('figure.panel[data-panel="trainLoss"] [data-theory-band="8"]', { timeout: 120_000 });
    expect(await bandEntry.textContent()).toMatch(/\(Monte Carlo\)$/);
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'distribution-default.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('is reached and scrubbed by keyboard', async () => {
    await page.locator('body').focus();
    let reached = false;
    for (let presses = 0; presses < 150 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'time t of the distribution');
    }
    expect(reached, 'Tab reaches the time scrubber').toBe(true);
    const view = page.locator('figure.panel[data-panel="distribution"]');
    await page.keyboard.press('Home');
    await expect.poll(() => view.locator('[data-series="theory"]').getAttribute('data-time')).toBe('0');
    for (let step = 0; step < 32; step++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => view.locator('[data-series="theory"]').getAttribute('data-time')).toBe('2.5');
    expect(await view.locator('[data-series="sgd"]').getAttribute('data-time')).toBe('2.5');
    expect(await view.locator('.two-time-readout').textContent()).toMatch(/\(t = 2\.5\)/);
    await page.keyboard.press('End');
  });

  it('a parameter change replaces the distributions and the bands; no old band is drawn; the longest task is printed', async () => {
    const oldRun = await runId(page);
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
    await page.getByRole('slider', { name: /sample ratio α/ }).focus();
    await page.keyboard.press('ArrowRight');
    const newRun = String(Number(oldRun) + 1);
    await expect.poll(() => runId(page)).toBe(newRun);
    for (const [source, runs] of Object.entries(await panelRunsBySource(page, 'distribution'))) expect(runs.includes(oldRun), source).toBe(false);
    for (const [source, runs] of Object.entries(await panelRunsBySource(page, 'distribution', true))) expect(runs, `stale ${source}`).toEqual([oldRun]);
    expect(await bandRuns(page), 'no band of the old run').not.toContain(oldRun);
    await waitForCompleteRun(page, newRun);
    await page.waitForFunction((run) => document.querySelectorAll(`[data-band="theory-monte-carlo"][data-run="${run}"]`).length === 2, newRun, { timeout: 120_000 });
    await page.waitForSelector('[data-theory-band="8"]', { timeout: 120_000 });
    expect(await panelRunsBySource(page, 'distribution')).toEqual({ theory: [newRun], sgdTheory: [newRun], sgf: [newRun], sgd: [newRun], test: [newRun] });
    expect(await panelRunsBySource(page, 'distribution', true)).toEqual({});
    expect(await bandRuns(page)).toEqual([newRun]);
    const figures = await page.evaluate((run) => {
      const state = window as unknown as { __keyAt: number; __marks: Record<string, number>; __longTasks: number[] };
      const after = (name: string): number => (state.__marks[`${name}:${run}`] ?? Number.NaN) - state.__keyAt;
      return { first: after('first'), theory: after('theory'), complete: after('complete'), bands: after('bands'), bandsFinal: after('bandsFinal'), distribution: after('distribution'), tasks: state.__longTasks };
    }, newRun);
    console.log(`[e2e figures] distribution view + bands: slider → first theory points ${figures.first.toFixed(0)} ms, theory lines complete ${figures.theory.toFixed(0)} ms, distribution of every source drawn ${figures.distribution.toFixed(0)} ms, complete run (theory + all seeds) ${figures.complete.toFixed(0)} ms, both theory bands drawn (from 3 replicas) ${figures.bands.toFixed(0)} ms, the SGF theory band of 8 replicas ${figures.bandsFinal.toFixed(0)} ms`);
    console.log(`[e2e figures] distribution view and bands: longest main-thread task while they update (to the last band): ${Math.max(0, ...figures.tasks).toFixed(0)} ms over ${figures.tasks.length} long tasks (target: none > 50 ms)`);
    expect(consoleErrors).toEqual([]);
  });

  it('exports as PNG, SVG, JSON and CSV', async () => {
    await page.locator('details.export-menu > summary').click();
    await page.locator('#export-target').selectOption('distribution');
    const download = async (format: string): Promise<{ name: string; bytes: Buffer }> => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${format}"]`).click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync(await (file as Download).path()) };
    };
    const png = await download('png');
    expect(png.name).toMatch(/^sgf-dmft-distribution-.*\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(join(artifactsDir, 'distribution-export.png'), png.bytes);
    const svg = (await download('svg')).bytes.toString('utf8');
    expect(svg).toMatch(/<path [^>]*data-series="theory"/);
    await page.locator('details.export-menu > summary').click();
    const json = JSON.parse((await download('distribution-json')).bytes.toString('utf8'));
    expect(json.quantity).toBe('margin');
    expect(Object.keys(json.sources)).toEqual(['theory', 'sgdTheory', 'sgf', 'sgd']);
    expect(json.sources.sgf.seeds).toBe(4);
    const csv = (await download('distribution-csv')).bytes.toString('utf8');
    expect(csv.startsWith('source,t,bin_low,bin_high,fraction,standard_error,test_fraction\n')).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('prints, for comparison now, the same change with the train-loss plot alone (bands shown or hidden) and on the default page', async () => {
    for (const query of ['?plots=trainLoss', '?plots=trainLoss&bands=0', '']) {
      const other = await page.context().newPage();
      await other.addInitScript(instrumentPage);
      await other.goto(`${app.url}${query}`);
      await waitForCompleteRun(other);
      const before = await runId(other);
      await other.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
      await other.getByRole('slider', { name: /sample ratio α/ }).focus();
      await other.keyboard.press('ArrowRight');
      const run = String(Number(before) + 1);
      await waitForCompleteRun(other, run);
      const hidden = query.includes('bands=0');
      if (!hidden) await other.waitForFunction((run) => ['theory', 'sgdTheory'].every((source) => document.querySelector(`[data-band="theory-monte-carlo"][data-band-of="${source}"][data-run="${run}"]`) !== null), run, { timeout: 120_000 });
      else expect(await other.locator('[data-band="theory-monte-carlo"]').count()).toBe(0);
      const figures = await other.evaluate((run) => {
        const state = window as unknown as { __keyAt: number; __marks: Record<string, number>; __longTasks: number[] };
        const after = (name: string): number => (state.__marks[`${name}:${run}`] ?? Number.NaN) - state.__keyAt;
        return { complete: after('complete'), theory: after('theory'), bands: after('bands'), longest: Math.max(0, ...state.__longTasks), tasks: state.__longTasks.length };
      }, run);
      console.log(
        `[e2e figures] page ${query || '(default)'}: slider → theory lines ${figures.theory.toFixed(0)} ms, complete run ${figures.complete.toFixed(0)} ms, bands ${hidden ? 'hidden' : `drawn ${figures.bands.toFixed(0)} ms`}; longest task ${figures.longest.toFixed(0)} ms over ${figures.tasks} long tasks (${completeStatus})`,
      );
      await other.close();
    }
  });
});
