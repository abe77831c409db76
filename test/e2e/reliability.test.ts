/**
 * Reliability end to end, in real headless Chromium on the production build (under its
 * Content-Security-Policy): the bundle has no eval / new Function; 200 slider changes in about five
 * seconds end on exactly the last parameters' results, with no leaked worker and a bounded heap; a
 * worker killed mid-run shows an error for its series while the others finish, and Retry recovers; the
 * divergence preset marks where each series diverged without stretching the y-axis, and the next
 * change runs normally; a run beyond the resource limits is refused with a message and runs nothing.
 * Figures (heap before/after, timings) are printed. Small runs (d = 200, N = 2000, 2 seeds) keep the
 * file within a few minutes on two cores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFromStringRules, findUnsafeCode } from '../app/codeScan';
import { completeStatus, launchBrowser, requireBrowser, runBrowserTests, waitForCompleteRun, warnIfSkipped, sharedBuild, runId } from './browserHarness';
import { serveDirectory, type StaticServer } from './staticServer';
import { simPoolSizeFor, theoryAssignments, theoryThreadsFor } from '../../src/app/runManager';
import { theorySources } from '../../src/pipeline/protocol';

/** The app's DMFT workers on a machine with `cores` (src/app/runManager.ts: one per theory on two cores or more). */
const theoryWorkersFor = (cores: number): number => theoryAssignments(theorySources, theoryThreadsFor(cores)).length;

const sources = ['theory', 'sgf', 'sgd'] as const;
/** Small runs: each completes in about a second here. */
const small = 'dim=200&samples=2000&seeds=2';

/** How long a small run may take to complete (the shared default, 120 s, is for the larger runs). */
const smallRunTimeout = 60_000;

warnIfSkipped('reliability.test.ts');

interface Hook {
  killWorker(kind: 'theory' | 'simulation'): number;
  liveWorkers(): { theory: number; simulation: number };
}

/** Records CSP violations from the first script on. */
function watchCsp(): void {
  const page = window as unknown as { __cspViolations: string[] };
  page.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => page.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
}

async function statusText(page: Page): Promise<string> {
  return (await page.locator('.run-status [role="status"]').textContent()) ?? '';
}

async function liveWorkers(page: Page): Promise<number> {
  const counts = await page.evaluate(() => (window as unknown as { __sgfDmft: Hook }).__sgfDmft.liveWorkers());
  return counts.theory + counts.simulation;
}

/** data-run values of every drawn series element. */
async function drawnRuns(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('[data-series]')].map((element) => element.getAttribute('data-run') ?? ''))]);
}

/** The theory's train-loss line: final value, points and path. */
async function theoryLine(page: Page): Promise<{ run: string; finalValue: string; points: string; d: string }> {
  const path = page.locator('svg[aria-label="train loss vs time"] path[data-series="theory"][data-stale="false"]');
  return {
    run: (await path.getAttribute('data-run')) ?? '',
    finalValue: (await path.getAttribute('data-final-value')) ?? '',
    points: (await path.getAttribute('data-points')) ?? '',
    d: (await path.getAttribute('d')) ?? '',
  };
}

/** Used JS heap of the page's main thread after full garbage collections, in bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

describe.skipIf(!runBrowserTests)('reliability in Chromium (production build, under its CSP)', () => {
  let buildDir = '';
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];

  const open = async (query: string): Promise<void> => {
    await page.goto(`${server!.url}?${query}`);
    await waitForCompleteRun(page, undefined, smallRunTimeout);
  };

  beforeAll(async () => {
    requireBrowser();
    buildDir = sharedBuild(); // read only: shared by every e2e file
    server = await serveDirectory(buildDir);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } }); // CSP enforced (no bypassCSP)
    await context.addInitScript(watchCsp);
    page = await context.newPage();
    const record = (text: string): void => void consoleErrors.push(text);
    page.on('console', (message) => {
      if (message.type() === 'error') record(message.text());
      if (message.type() === 'warning') consoleWarnings.push(message.text()); // workers' messages arrive here too
    });
    page.on('pageerror', (error) => record(String(error)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ships a Content-Security-Policy and no eval / new Function in any bundled script', () => {
    const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1].replaceAll('&#39;', "'") ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "worker-src 'self' blob:",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "object-src 'none'",
      "base-uri 'self'",
    ]) {
      expect(policy, directive).toContain(directive);
    }
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const scripts = readdirSync(join(buildDir, 'assets')).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(3); // the page and both workers
    // Code from strings only: React DOM itself writes innerHTML (dangerouslySetInnerHTML, KaTeX), which CSP allows.
    const findings = scripts.flatMap((name) =>
      findUnsafeCode(readFileSync(join(buildDir, 'assets', name), 'utf8'), codeFromStringRules).map((f) => `${name}: ${f.rule}: ${f.excerpt}`),
    );
    expect(findings).toEqual([]);
  });

  it('runs under its CSP: no violation, no console error, the WebAssembly kernels in use, at most one theory and the simulation pool alive', async () => {
    await open(small);
    for (const source of sources) expect(await page.locator(`svg[aria-label="train loss vs time"] [data-series="${source}"]`).count(), source).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // The workers fall back to the JavaScript kernels, with a warning, where WebAssembly cannot be compiled.
    expect(consoleWarnings.filter((text) => /WebAssembly/.test(text))).toEqual([]);
  });

  it('200 slider changes in about 5 s end on the last parameters only, with no leaked worker and a bounded heap', async () => {
    await open(small);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    // The app's pool (src/main.tsx): its DMFT workers and simPoolSizeFor(cores) + 1 simulation workers.
    const maxWorkers = theoryWorkersFor(cores) + simPoolSizeFor(cores) + 1;
    const cdp = await context.newCDPSession(page);
    const heapBefore = await heapAfterGc(cdp);
    const firstRun = Number(await runId(page));

    // 200 changes of α, b or h (±1 ladder step, a fixed pseudo-random walk), 20 ms apart, with three
    // 150 ms pauses that let runs start (the run manager launches after 100 ms of quiet) so that the
    // next change has to cancel busy workers. h stays ≥ its start (0.1): smaller steps mean longer runs.
    const stress = await page.evaluate(async () => {
      let state = 12345;
      const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
      const ids = ['slider-alpha', 'slider-batch-fraction', 'slider-step'];
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const hook = (window as unknown as { __sgfDmft: Hook }).__sgfDmft;
      const lowest: Record<string, number> = { 'slider-step': Number((document.getElementById('slider-step') as HTMLInputElement).value) };
      const start = performance.now();
      let maxLive = 0;
      let longestGap = 0;
      let last = start;
      for (let i = 0; i < 200; i++) {
        const input = document.getElementById(ids[Math.floor(random() * ids.length)]) as HTMLInputElement;
        const step = random() < 0.5 ? -1 : 1;
        const index = Number(input.value) + step;
        setValue.call(input, String(index < (lowest[input.id] ?? 0) || index > Number(input.max) ? index - 2 * step : index));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const live = hook.liveWorkers();
        maxLive = Math.max(maxLive, live.theory + live.simulation);
        await new Promise((resolve) => setTimeout(resolve, i === 49 || i === 99 || i === 149 ? 150 : 20));
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }
      return { elapsed: performance.now() - start, maxLive, longestGap };
    });
    const finalRun = await runId(page);
    expect(Number(finalRun)).toBeGreaterThanOrEqual(firstRun + 150); // nearly every change was a new run
    const settleStart = Date.now();
    await waitForCompleteRun(page, finalRun, 120_000);
    const settled = Date.now() - settleStart;

    // Exactly the last run on screen: every drawn series element is tagged with its id.
    expect(await drawnRuns(page)).toEqual([finalRun]);
    for (const source of sources) expect(await page.locator(`[data-series="${source}"][data-run="${finalRun}"]`).count(), source).toBeGreaterThan(0);
    expect(stress.maxLive).toBeLessThanOrEqual(maxWorkers);
    expect(await liveWorkers(page)).toBeLessThanOrEqual(maxWorkers);
    // Workers terminated while busy may run on for up to 2 s in Chromium; after that none is left over.
    await page.waitForTimeout(2500);
    // The theory's block workers (nested in the DMFT workers, src/pipeline/blockPool.ts): each DMFT worker's threads − 1.
    const blockWorkers = page.workers().filter((worker) => /dmftBlock\.worker/.test(worker.url())).length;
    expect(blockWorkers).toBeLessThanOrEqual(theoryThreadsFor(cores) - theoryWorkersFor(cores));
    expect(page.workers().length - blockWorkers).toBeLessThanOrEqual(maxWorkers);

    // Heap bound: after ≤ 1.5 × before + 8 MiB. What the app keeps is O(1) in the number of runs (the
    // current and one previous snapshot, the React tree, comlink proxies of live workers); we measured
    // about +2 MiB after each of several such rounds, without growth from round to round (lazily
    // filled caches: JIT, KaTeX, d3 formats). A leak of each run's results (~50 KiB for these small
    // runs: four sources × 8 columns × 101 rows, as arrays and snapshots) would add ≥ 10 MiB over the
    // ~200 runs and fail this bound.
    const heapAfter = await heapAfterGc(cdp);
    console.log(
      `[e2e reliability] 200 slider changes dispatched in ${stress.elapsed.toFixed(0)} ms (longest gap between two changes ${stress.longestGap.toFixed(0)} ms), runs ${firstRun} → ${finalRun}, live workers at most ${stress.maxLive} (pool ${maxWorkers}); last run complete ${settled} ms after the last change`,
    );
    console.log(`[e2e reliability] JS heap (main thread, after GC): before ${megabytes(heapBefore)}, after ${megabytes(heapAfter)}, bound ${megabytes(1.5 * heapBefore + 8 * 1024 ** 2)}`);
    expect(heapAfter).toBeLessThanOrEqual(1.5 * heapBefore + 8 * 1024 ** 2);

    // The theory on screen is the theory of the final parameters: a fresh page with them draws the same line.
    const finalLine = await theoryLine(page);
    expect(finalLine.run).toBe(finalRun);
    const values = await page.evaluate(() =>
      ['slider-alpha', 'slider-batch-fraction', 'slider-step'].map((id) => (document.getElementById(id)?.getAttribute('aria-valuetext') ?? '').split('= ')[1]),
    );
    const [alpha, batchFraction, step] = values;
    const fresh = await context.newPage();
    fresh.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const freshStart = Date.now();
    await fresh.goto(`${server!.url}?${small}&alpha=${alpha}&batch-fraction=${batchFraction}&step=${step}`);
    await waitForCompleteRun(fresh, undefined, 120_000);
    console.log(`[e2e reliability] final parameters α = ${alpha}, b = ${batchFraction}, h = ${step}: fresh page complete in ${Date.now() - freshStart} ms`);
    const freshLine = await theoryLine(fresh);
    expect({ alpha, batchFraction, step, finalValue: freshLine.finalValue, points: freshLine.points, d: freshLine.d }).toEqual({
      alpha,
      batchFraction,
      step,
      finalValue: finalLine.finalValue,
      points: finalLine.points,
      d: finalLine.d,
    });
    await fresh.close();
    expect(consoleErrors).toEqual([]);
  });

  it('a worker killed mid-run shows an error for its series, the others finish, and Retry recovers', async () => {
    const hook = async (kind: 'theory' | 'simulation'): Promise<number> =>
      page.evaluate((k) => (window as unknown as { __sgfDmft: Hook }).__sgfDmft.killWorker(k), kind);

    // The theory: N = 60 000 takes over 5 s here; kill it once its first points are drawn. (A busy
    // worker runs on for up to 2 s after terminate() in Chromium, so the theory must outlast that.)
    await page.goto(`${server!.url}?dim=200&seeds=2&samples=60000`);
    const theoryRun = await runId(page);
    await page.waitForSelector(`[data-series="theory"][data-run="${theoryRun}"]`);
    const killedAt = Date.now();
    expect(await hook('theory')).toBe(theoryWorkersFor(await page.evaluate(() => navigator.hardwareConcurrency)));
    const failure = page.locator('.failure', { hasText: 'DMFT of the SGF failed' });
    await failure.waitFor({ timeout: 15_000 });
    const theoryNoticed = Date.now() - killedAt;
    expect(await failure.textContent()).toMatch(/stopped unexpectedly/);
    // The simulations go on to the end; the theory stays where it was stopped.
    await page.waitForFunction(() => (document.querySelector('.run-status [role="status"]')?.textContent ?? '').includes('simulations 100%'), null, { timeout: 60_000 });
    expect(await statusText(page)).not.toContain('theory 100%');
    await failure.getByRole('button', { name: 'Retry' }).click();
    await waitForCompleteRun(page, String(Number(theoryRun) + 1), smallRunTimeout);
    expect(await page.locator('.failure').count()).toBe(0);
    expect((await theoryLine(page)).run).toBe(String(Number(theoryRun) + 1));

    // A simulation: d = 2000 takes a few seconds per seed; kill the simulation workers mid-run.
    await page.goto(`${server!.url}?dim=2000&seeds=2&samples=2000`);
    const simulationRun = await runId(page);
    await page.waitForSelector(`[data-series="sgf"][data-run="${simulationRun}"]`, { timeout: 60_000 });
    const simulationKilledAt = Date.now();
    expect(await hook('simulation')).toBeGreaterThanOrEqual(1);
    const simulationFailure = page.locator('.failure', { hasText: /(SGF|SGD) simulation failed/ });
    await simulationFailure.first().waitFor({ timeout: 15_000 });
    const simulationNoticed = Date.now() - simulationKilledAt;
    await page.waitForFunction(() => (document.querySelector('.run-status [role="status"]')?.textContent ?? '').includes('theory 100%'), null, { timeout: 60_000 });
    await simulationFailure.first().getByRole('button', { name: 'Retry' }).click();
    await waitForCompleteRun(page, String(Number(simulationRun) + 1), 120_000);
    expect(await page.locator('.failure').count()).toBe(0);
    expect(await drawnRuns(page)).toEqual([String(Number(simulationRun) + 1)]);
    console.log(`[e2e reliability] killed worker → error shown: theory ${theoryNoticed} ms, simulation ${simulationNoticed} ms (Chromium ends a busy worker up to 2 s after terminate)`);
    expect(consoleErrors).toEqual([]);
  });

  it('the divergence preset marks where each series diverged, keeps the y-axis to the values before the blow-up, and the next change runs normally', async () => {
    await open(`preset=divergence&${small}`);
    const plots = page.locator('svg[role="img"]');
    const count = await plots.count();
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i++) {
      const plot = plots.nth(i);
      const label = await plot.getAttribute('aria-label');
      const marks = await plot.locator('.divergence').allTextContents();
      expect(marks.join(' '), `${label}`).toMatch(/diverged at t = \d/);
      const diverged = (await plot.locator('.divergence').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-diverged') ?? ''))).join(' ');
      for (const source of sources) expect(diverged, `${label}: ${source}`).toContain(source);
      const paths = await plot.locator('path').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('d') ?? ''));
      for (const d of paths) expect(d, `${label}`).not.toMatch(/NaN|Infinity/);
    }
    // The losses reach ~10⁷ before the divergence; the linear axis shows the O(1)–O(10) part (blowUpFactor = 10).
    const ticks = await page
      .locator('svg[aria-label="train loss vs time"] text')
      .evaluateAll((nodes) => nodes.map((node) => Number((node.textContent ?? '').replace('−', '-'))).filter(Number.isFinite));
    const largestTick = Math.max(...ticks);
    expect(largestTick).toBeLessThan(100);
    const divergedStatus = await statusText(page);

    // A cooler step: 0.2 → 0.05 (six presses), κ²/(2α) < 1, no divergence.
    const before = await runId(page);
    const slider = page.getByRole('slider', { name: /step size h/ });
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('h = 0.05');
    const after = await runId(page);
    expect(Number(after)).toBeGreaterThan(Number(before));
    await waitForCompleteRun(page, after, smallRunTimeout);
    expect(await page.locator('.divergence').count()).toBe(0);
    expect(await drawnRuns(page)).toEqual([after]);
    console.log(`[e2e reliability] divergence preset: "${divergedStatus}"; largest train-loss tick ${largestTick}`);
    expect(consoleErrors).toEqual([]);
  });

  it('refuses a run beyond the resource limits with a message saying what to lower, and runs nothing', async () => {
    await open(small);
    const before = await runId(page);
    const workersBefore = await liveWorkers(page);
    await page.locator('details.advanced > summary').click();
    const dim = page.getByLabel('simulation dimension d');
    await dim.fill('20000'); // with α = 2: a 6 GB dataset per seed, beyond the 512 MiB limit
    const notice = page.locator('[data-refused]');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Not run:.*lower the dimension d or α/);
    expect(await dim.getAttribute('aria-invalid')).toBe('true');
    await page.waitForTimeout(300);
    expect(await runId(page)).toBe(before);
    expect(await statusText(page)).toContain(completeStatus); // the last allowed run stays, complete
    expect(await drawnRuns(page)).toEqual([before]);
    expect(await liveWorkers(page)).toBe(workersBefore); // no worker started for it
    // An allowed size runs, and the notice goes.
    await dim.fill('300');
    await waitForCompleteRun(page, String(Number(before) + 1), smallRunTimeout);
    expect(await notice.count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
