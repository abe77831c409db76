/**
 * The committee machine in real headless Chromium (issue 11): selectable by URL and by the advanced settings, its
 * line plots and its hidden-units panel drawn from the run and replaced on a parameter change, its export in the
 * CLI's committee schema, and the plateau preset run to completion with the plateau and the specialization it describes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, runBrowserTests, waitForCompleteRun, warnIfSkipped, openSharedPage, runId, completedRunAt } from './browserHarness';

warnIfSkipped('committee.test.ts');

/** A small committee run (seconds, not minutes). */
const small = 'model=committee&init-scale=0.5&horizon=2&samples=3000&response-samples=500&seeds=2&dim=300';

interface Heatmap {
  source: string;
  run: string;
  stale: boolean;
  cells: number;
}

async function heatmaps(page: Page): Promise<Heatmap[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.panel[data-panel="committee"] .committee-heatmap')].map((map) => ({
      source: map.getAttribute('data-source') ?? '',
      run: map.getAttribute('data-run') ?? '',
      stale: map.getAttribute('data-stale') === 'true',
      cells: map.querySelectorAll('rect').length,
    })),
  );
}

/** The hidden-units panel's JSON export, parsed: one report per source. */
async function exportJson(page: Page): Promise<Record<string, Record<string, number[]>>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="committee-json"]').click()]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8'));
}

/** The value of `name` in a report at the row whose time is nearest t. */
function at(report: Record<string, number[]>, name: string, t: number): number {
  let best = 0;
  report.t.forEach((time, i) => {
    if (Math.abs(time - t) < Math.abs(report.t[best] - t)) best = i;
  });
  return report[name][best];
}

describe.skipIf(!runBrowserTests)('the committee machine in Chromium', () => {
  let page: Page;
  let consoleErrors: string[] = [];
  const app = openSharedPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true }, (opened) => ({ page, consoleErrors } = opened), undefined, 300_000);

  it('draws its line plots and its hidden-units panel from the run, and exports in the CLI schema', async () => {
    const run = await completedRunAt(page, `${app.url}?${small}`);
    expect(await heatmaps(page)).toEqual(['theory', 'sgdTheory', 'sgf', 'sgd'].map((source) => ({ source, run, stale: false, cells: 2 * 2 + 2 * 2 })));
    // The single-index columns carry the invariant summaries, under their own titles; a regression has no error plot.
    expect(await page.locator('figure.panel[data-panel="error"]').count()).toBe(0);
    expect(await page.locator('figure.panel[data-panel="norm"] h2').textContent()).toBe('Squared norm per unit');
    for (const source of ['theory', 'sgdTheory', 'sgf', 'sgd']) {
      expect(await page.locator(`figure.panel[data-panel="trainLoss"] [data-series="${source}"][data-run="${run}"]`).count(), source).toBeGreaterThan(0);
    }
    expect(await page.locator('figure.panel[data-panel="committee"] svg[role="img"]').getAttribute('aria-label')).toMatch(/committee matrices q and M at time t = 2/);
    const report = await exportJson(page);
    expect(Object.keys(report)).toEqual(['theory', 'sgdTheory', 'sgf', 'sgd']);
    expect(Object.keys(report.theory)).toEqual(expect.arrayContaining(['t', 'trainLoss', 'testLoss', 'qDiag', 'qOff', 'mMean', 'mRms', 'q_1_1', 'q_2_2', 'M_1_1', 'M_2_2']));
    expect(Object.keys(report.sgf)).toEqual(expect.arrayContaining(['M_1_2Se', 'trainLossSe']));
    // q(0) = σ₀² I exactly in the theory and the exact-Gram simulations.
    expect(report.theory.q_1_1[0]).toBeCloseTo(0.25, 12);
    expect(report.sgf.q_1_1[0]).toBeCloseTo(0.25, 12);
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'committee-default.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it('a change of p from the advanced settings replaces every heatmap with the new run (3 × 3 and 3 × 2 cells)', async () => {
    const oldRun = await runId(page);
    await page.locator('details.advanced summary').click();
    const field = page.getByLabel('hidden units p', { exact: false }).first();
    await field.fill('3');
    await field.press('Enter');
    const newRun = String(Number(oldRun) + 1);
    await expect.poll(() => runId(page)).toBe(newRun);
    // At once: what stands in for the old run is marked stale, nothing of it is current.
    for (const map of await heatmaps(page)) expect(map.run === oldRun ? map.stale : true, map.source).toBe(true);
    await waitForCompleteRun(page, newRun);
    expect(await heatmaps(page)).toEqual(['theory', 'sgdTheory', 'sgf', 'sgd'].map((source) => ({ source, run: newRun, stale: false, cells: 3 * 3 + 3 * 2 })));
    await expect.poll(() => new URL(page.url()).searchParams.get('hidden')).toBe('3'); // the link follows the change
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it('the plateau preset runs to completion and shows the plateau, then the specialization its caption describes', async () => {
    await page.locator('[data-preset="committee-plateau"]').click();
    const run = await runId(page);
    const started = Date.now();
    await waitForCompleteRun(page, run, 600_000);
    console.log(`[e2e figures] committee plateau preset (K = 188, N = 5000, N_R = 2000, 4 seeds × SGF and SGD at d = 1000): complete run in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const report = await exportJson(page);
    for (const source of ['theory', 'sgd']) {
      // On the plateau the two units are alike (every M_ab near the same value); at the end each has its own teacher unit.
      expect(Math.abs(at(report[source], 'M_1_1', 30) - at(report[source], 'M_1_2', 30)), `${source} plateau`).toBeLessThan(0.15);
      expect(at(report[source], 'M_1_1', 150), `${source} M11`).toBeGreaterThan(0.65);
      expect(at(report[source], 'M_1_2', 150), `${source} M12`).toBeLessThan(0.25);
      expect(at(report[source], 'testLoss', 150), `${source} test`).toBeLessThan(at(report[source], 'testLoss', 30) / 2);
    }
    await page.screenshot({ path: join(artifactsDir, 'committee-plateau.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  }, 700_000);
});
