/**
 * The two-time views in real headless Chromium (issue 12 item 2): with `plots=correlation,response` both panels
 * appear, draw the theory's and the simulations' heatmaps and cuts of the current run, are replaced on a
 * parameter change, export as an image, and the longest main-thread task while they update is printed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, runBrowserTests, waitForCompleteRun, warnIfSkipped, openSharedPage, recordLongTaskDurations, runId, seriousAxeViolations, completedRunAt, panelRunsBySource } from './browserHarness';

warnIfSkipped('twoTime.test.ts');

describe.skipIf(!runBrowserTests)('the two-time views in Chromium', () => {
  let page: Page;
  let consoleErrors: string[] = [];
  const app = openSharedPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true }, (opened) => ({ page, consoleErrors } = opened), recordLongTaskDurations);

  it('plots=correlation,response shows both views with the theory and the simulations of the run', async () => {
    const run = await completedRunAt(page, `${app.url}?plots=correlation,response`);
    await expect.poll(() => page.locator('figure.panel').count()).toBe(2);
    const correlation = page.locator('figure.panel[data-panel="correlation"] svg[role="img"]');
    const response = page.locator('figure.panel[data-panel="response"] svg[role="img"]');
    expect(await correlation.getAttribute('aria-label')).toMatch(/two-time correlation C\(t, t′\)/);
    expect(await response.getAttribute('aria-label')).toMatch(/response R\(t, t′\)/);
    for (const source of ['theory', 'sgf', 'sgd']) {
      const image = correlation.locator(`image[data-series="${source}"]`);
      expect(await image.getAttribute('data-run'), source).toBe(run);
      expect(Number(await image.getAttribute('data-points')), source).toBeGreaterThan(50);
      expect(await image.getAttribute('href'), source).toMatch(/^data:image\/png;base64,/);
      expect(await correlation.locator(`[data-series="${source}"][data-cut-at]`).count(), `${source} cut`).toBe(1);
    }
    for (const source of ['theory', 'sgdTheory']) {
      expect(await response.locator(`image[data-series="${source}"]`).getAttribute('data-run'), source).toBe(run);
      expect(Number(await response.locator(`path[data-series="${source}"]`).getAttribute('data-points')), source).toBeGreaterThan(10);
    }
    // The hover readout names the value under the pointer.
    const box = (await correlation.locator('image[data-series="theory"]').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await expect.poll(() => page.locator('figure.panel[data-panel="correlation"] .two-time-readout').textContent()).toMatch(/DMFT of the SGF: C\(t = [\d.]+, t′ = [\d.]+\) = /);
    // By keyboard: the t′ slider moves the cut, and the readout says its values.
    await page.mouse.move(5, 5);
    const cutSlider = page.getByRole('slider', { name: 'time t′ of the cut' }).first();
    await cutSlider.focus();
    await page.keyboard.press('ArrowRight');
    const readout = page.locator('figure.panel[data-panel="correlation"] .two-time-readout');
    await expect.poll(() => readout.textContent()).toMatch(/^Cut at t′ = 2\.58: C\(t′ \+ τ, t′\) SGF theory [\d.]+ at τ = 0 → [\d.]+ at τ = [\d.]+; SGD theory/);
    expect(await correlation.locator('path[data-series="theory"][data-cut-at]').getAttribute('data-cut-at')).toMatch(/^2\.6/);
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'two-time-default.png'), fullPage: true });
    // The difference maps: simulation − theory for both simulations, on their own diverging scale.
    const toggle = page.getByRole('checkbox', { name: /simulation − theory/ });
    await toggle.check();
    for (const source of ['sgf', 'sgd']) expect(await correlation.locator(`image[data-series="${source}"]`).getAttribute('data-difference'), source).toBe('true');
    expect(await correlation.locator('.colour-bar').count()).toBe(2);
    await page.locator('figure.panel[data-panel="correlation"]').screenshot({ path: join(artifactsDir, 'two-time-difference.png') });
    await toggle.uncheck();
    expect(consoleErrors).toEqual([]);
  });

  it('a parameter change replaces every heatmap and cut with the new run, and no main-thread task is long', async () => {
    const oldRun = await runId(page);
    await page.evaluate(() => {
      (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
      performance.clearMeasures('two-time heatmap');
    });
    const slider = page.getByRole('slider', { name: /sample ratio α/ });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    const newRun = String(Number(oldRun) + 1);
    await expect.poll(() => runId(page)).toBe(newRun);
    // At once: nothing of the old run is drawn as current; what stands in for it is marked stale (faded).
    for (const panel of ['correlation', 'response']) {
      for (const [source, runs] of Object.entries(await panelRunsBySource(page, panel))) expect(runs.includes(oldRun), `${panel} ${source}`).toBe(false);
      for (const [source, runs] of Object.entries(await panelRunsBySource(page, panel, true))) expect(runs, `${panel} stale ${source}`).toEqual([oldRun]);
    }
    await page.screenshot({ path: join(artifactsDir, 'two-time-replacing.png') });
    await waitForCompleteRun(page, newRun);
    expect(await panelRunsBySource(page, 'correlation')).toEqual({ theory: [newRun], sgdTheory: [newRun], sgf: [newRun], sgd: [newRun] });
    expect(await panelRunsBySource(page, 'response')).toEqual({ theory: [newRun], sgdTheory: [newRun] });
    for (const panel of ['correlation', 'response']) expect(await panelRunsBySource(page, panel, true), `${panel}: nothing stale once the run is complete`).toEqual({});
    const { tasks, encodes } = await page.evaluate(() => ({
      tasks: (window as unknown as { __longTasks: number[] }).__longTasks,
      encodes: performance.getEntriesByName('two-time heatmap').map((entry) => entry.duration),
    }));
    expect(encodes.length).toBeGreaterThan(0);
    const longest = Math.max(0, ...tasks);
    console.log(`[e2e figures] two-time views: longest main-thread task during a run (heatmaps updating): ${longest.toFixed(0)} ms over ${tasks.length} long tasks (target: none > 50 ms)`);
    console.log(
      `[e2e figures] two-time views: heatmap encodings during that run: ${encodes.length}, longest ${Math.max(...encodes).toFixed(1)} ms, median ${[...encodes].sort((a, b) => a - b)[Math.floor(encodes.length / 2)].toFixed(1)} ms`,
    );
    expect(consoleErrors).toEqual([]);
  });

  it('each view exports as a PNG and an SVG image holding its heatmaps', async () => {
    await page.locator('details.export-menu > summary').click();
    for (const target of ['correlation', 'response']) {
      await page.locator('#export-target').selectOption(target);
      const download = async (format: string): Promise<{ name: string; bytes: Buffer }> => {
        const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${format}"]`).click()]);
        return { name: file.suggestedFilename(), bytes: readFileSync(await (file as Download).path()) };
      };
      const png = await download('png');
      expect(png.name).toMatch(new RegExp(`^sgf-dmft-${target}-.*\\.png$`));
      expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      writeFileSync(join(artifactsDir, `two-time-export-${target}.png`), png.bytes);
      const svg = (await download('svg')).bytes.toString('utf8');
      expect(svg.match(/<image [^>]*data-series="theory"/g)?.length, target).toBe(1);
      const json = JSON.parse((await download(`${target}-json`)).bytes.toString('utf8'));
      expect(json.quantity).toBe(target);
      const theory = json.sources.theory;
      expect(theory.values).toHaveLength(theory.times.length);
      expect(theory.values[0]).toHaveLength(theory.times.length);
      const csv = (await download(`${target}-csv`)).bytes.toString('utf8');
      expect(csv.startsWith('source,t,t_prime,value,standard_error\n')).toBe(true);
    }
    await page.locator('details.export-menu > summary').click();
    expect(consoleErrors).toEqual([]);
  });

  it('embeds one view (embed=1&plots=correlation, dark theme) with its heatmaps and cut inside the frame', async () => {
    const embed = await page.context().newPage();
    await embed.goto(`${app.url}?embed=1&plots=correlation&theme=dark`);
    await embed.waitForSelector('figure.panel[data-panel="correlation"] image[data-series="sgd"]', { timeout: 120_000 });
    await embed.waitForSelector('figure.panel[data-panel="correlation"] [data-series="sgd"][data-cut-at]');
    expect(await embed.locator('figure.panel').count()).toBe(1);
    for (const selector of ['image[data-series="theory"]', 'path[data-series="theory"][data-cut-at]']) {
      const box = (await embed.locator(`figure.panel[data-panel="correlation"] ${selector}`).boundingBox())!;
      expect(box.y + box.height, selector).toBeLessThanOrEqual(900);
    }
    await embed.screenshot({ path: join(artifactsDir, 'two-time-embed.png') });
    await embed.close();
  });

  it('has no serious accessibility violations with both views drawn (axe-core)', async () => {
    // bypassCSP: axe-core is injected as an inline script (as in app.test.ts); the views themselves ran under the CSP above.
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const axePage = await context.newPage();
    await axePage.goto(`${app.url}?plots=correlation,response`);
    await axePage.waitForSelector('figure.panel[data-panel="response"] image[data-series="sgdTheory"]', { timeout: 120_000 });
    expect(await seriousAxeViolations(axePage, ' (two-time views)')).toEqual([]);
    await context.close();
  });

  it('prints, for comparison on this machine now, the longest task of the same parameter change with the line plots only', async () => {
    const baseline = await page.context().newPage();
    await baseline.addInitScript(recordLongTaskDurations);
    await baseline.goto(app.url);
    await waitForCompleteRun(baseline);
    const oldRun = await runId(baseline);
    await baseline.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
    await baseline.getByRole('slider', { name: /sample ratio α/ }).focus();
    await baseline.keyboard.press('ArrowRight');
    await waitForCompleteRun(baseline, String(Number(oldRun) + 1));
    const tasks = await baseline.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    expect(await baseline.locator('figure.panel[data-panel="correlation"]').count()).toBe(0); // not drawn unless chosen
    console.log(`[e2e figures] baseline (default line plots, no two-time view): longest main-thread task during a run: ${Math.max(0, ...tasks).toFixed(0)} ms over ${tasks.length} long tasks`);
    await baseline.close();
  });
});
