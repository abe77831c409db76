/**
 * Shared pieces of the Chromium tests (app, reliability and sharing): the browser and its flags,
 * the CI rule (skip with a message when Chromium is missing, fail in CI), a private production build,
 * and waiting for a run to complete.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

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
