/**
 * Shared pieces of the Chromium tests: the browser and its flags, the build every file shares (globalSetup.ts), serving it,
 * the CI rule (skip with a message when Chromium is missing, fail in CI), a private production build,
 * and waiting for a run to complete.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { serveDirectory } from './staticServer';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactsDir = join(repositoryRoot, 'test-artifacts');
export const browserInstalled = existsSync(chromiumPath);
export const inCi = process.env.CI === 'true';
/** Run these tests: Chromium is there, or we are in CI (where its absence must fail, not skip). */
export const runBrowserTests = browserInstalled || inCi;
export const completeStatus = 'theory 100% · simulations 100%';

/** Says why the browser tests are skipped (call once per file). */
export function warnIfSkipped(file: string): void {
  if (!runBrowserTests) console.warn(`${file}: e2e tests skipped: ${chromiumPath} is missing; \`apt-get install -y chromium\` enables them.`);
}

/** Builds the app into a fresh temporary directory (named `prefix`…) and returns it (concurrent builds into dist/ cannot disturb it). */
export function buildApp(prefix = 'sgf-dmft-build-'): string {
  const outDir = mkdtempSync(join(tmpdir(), prefix));
  // NODE_ENV: vitest sets it to 'test', which would make Vite bundle React's slow development build.
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: repositoryRoot,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return outDir;
}

/** Fails (in CI) when Chromium is missing; call it first to fail before a build. */
export function requireBrowser(): void {
  if (!browserInstalled) throw new Error(`${chromiumPath} is missing in CI: install it with \`apt-get install -y chromium\``);
}

export async function launchBrowser(): Promise<Browser> {
  requireBrowser();
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** Waits until run `runId` (any run when omitted) is complete; a cheap DOM query, so the wait itself adds no long tasks. */
export async function waitForCompleteRun(page: Page | Frame, runId?: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    ({ runId, text }) => {
      const status = document.querySelector('.run-status');
      if (!status || (runId !== undefined && status.getAttribute('data-run-id') !== runId)) return false;
      return (status.querySelector('[role="status"]')?.textContent ?? '').includes(text);
    },
    { runId, text: completeStatus },
    { timeout },
  );
}

/** The production build all e2e files share (test/e2e/globalSetup.ts): read it, never write into it or remove it. */
export function sharedBuild(): string {
  return inject('appBuildDir');
}

/** The shared build served locally and a Chromium to open it in; close() ends both. */
export interface ServedApp {
  url: string;
  browser: Browser;
  buildDir: string;
  close(): Promise<void>;
}

export async function serveApp(): Promise<ServedApp> {
  requireBrowser();
  const buildDir = sharedBuild();
  const server = await serveDirectory(buildDir);
  const browser = await launchBrowser();
  return {
    url: server.url,
    browser,
    buildDir,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A page in a new context whose console errors and page errors are collected (a test asserts there are none). */
export async function watchedPage(browser: Browser, options: BrowserContextOptions, initScript?: () => void): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  if (initScript) await page.addInitScript(initScript);
  return { page, consoleErrors };
}

/** The served app of a describe block: its address and browser, once its beforeAll has run. */
export interface SharedPage {
  readonly url: string;
  readonly browser: Browser;
}

/**
 * For a describe block: serves the shared build and opens one watched page before its tests (handing it to `onOpen`,
 * which keeps it in the block's variables), and closes both after them.
 */
export function openSharedPage(options: BrowserContextOptions, onOpen: (opened: { page: Page; consoleErrors: string[] }) => void, initScript?: () => void, timeout?: number): SharedPage {
  let app: ServedApp | null = null;
  beforeAll(async () => {
    app = await serveApp();
    onOpen(await watchedPage(app.browser, options, initScript));
  }, timeout);
  afterAll(async () => {
    await app?.close();
  });
  return {
    get url() {
      return app!.url;
    },
    get browser() {
      return app!.browser;
    },
  };
}

/**
 * An init script (page.addInitScript) keeping the duration of every main-thread long task in `window.__longTasks`,
 * from page load on. Self-contained: it runs in the page, not here.
 */
export function recordLongTaskDurations(): void {
  const page = window as unknown as Record<string, unknown>;
  const longTasks: number[] = [];
  page.__longTasks = longTasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

/** The run id the status line shows (the current run of the page). */
export async function runId(page: Page): Promise<string> {
  return (await page.locator('.run-status').getAttribute('data-run-id')) ?? '';
}

/** data-run of every series element of the panel `panel` (its data-panel) drawn as current (or, with `stale`, as left from the run before), by source. */
export async function panelRunsBySource(page: Page, panel: string, stale = false): Promise<Record<string, string[]>> {
  return page.evaluate(({ id, stale }) => {
    const runs: Record<string, string[]> = {};
    for (const element of document.querySelectorAll(`figure.panel[data-panel="${id}"] [data-series][data-stale="${stale}"]`)) {
      const source = element.getAttribute('data-series') ?? '';
      runs[source] = [...new Set([...(runs[source] ?? []), element.getAttribute('data-run') ?? ''])].sort();
    }
    return runs;
  }, { id: panel, stale });
}

/**
 * Axe-core's serious and critical findings on the page; every finding is logged, `what` saying where. axe is injected
 * as an inline script: the page's context needs bypassCSP.
 */
export async function seriousAxeViolations(page: Page, what: string): Promise<{ id: string; impact: string; nodes: number }[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
  });
  if (violations.length > 0) console.log(`[e2e] axe findings${what}:`, JSON.stringify(violations));
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Opens `url`, waits for its run to complete and returns the run's id. */
export async function completedRunAt(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await waitForCompleteRun(page);
  return runId(page);
}
