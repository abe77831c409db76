/**
 * `npm run dev` in real headless Chromium: the development server (React's development build, StrictMode)
 * serves the app, and the curves grow while they are computed — not only once the run is over, which is
 * what a deferred (interruptible) plot render did when each render took longer than a frame.
 */
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, repositoryRoot, requireBrowser, runBrowserTests, waitForCompleteRun, warnIfSkipped } from './browserHarness';

warnIfSkipped('devServer.test.ts');

describe.skipIf(!runBrowserTests)('the development server (npm run dev) in Chromium', () => {
  let server: ViteDevServer | null = null;
  let browser: Browser | null = null;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    requireBrowser();
    server = await createServer({ root: repositoryRoot, configFile: `${repositoryRoot}/vite.config.ts`, server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
    await server.listen();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the app on defaults, drawing the theory while it is computed', async () => {
    const url = server!.resolvedUrls!.local[0];
    await page.goto(url);
    // Points of the theory's train-loss curve, sampled every 20 ms until the run is complete.
    const counts = await page.evaluate(
      (text) =>
        new Promise<number[]>((resolve) => {
          const seen: number[] = [];
          const timer = setInterval(() => {
            const path = document.querySelector('svg[aria-label="train loss vs time"] path[data-series="theory"]');
            seen.push(Number(path?.getAttribute('data-points') ?? 0));
            if ((document.querySelector('.run-status [role="status"]')?.textContent ?? '').includes(text)) {
              clearInterval(timer);
              resolve(seen);
            }
          }, 20);
        }),
      'theory 100% · simulations 100%',
    );
    await waitForCompleteRun(page);
    const rows = Math.round(10 / 0.1) + 1; // defaults: T = 10, Δt = h = 0.1
    const partial = counts.filter((count) => count >= 2 && count < rows);
    console.log(`[e2e dev server] theory points seen while streaming: ${[...new Set(partial)].length} distinct partial lengths (of ${counts.length} samples)`);
    expect(partial.length).toBeGreaterThan(0);
    expect(counts.at(-1)).toBe(rows);
    expect(consoleErrors).toEqual([]);
  });
});
