/**
 * Sharing, teaching and embedding in real headless Chromium, on the production build served by a
 * plain static server, at the root and under a sub-path: URL → figure (the theory equals the CLI's),
 * bad URL values (corrected, shown inertly), copy link, embed mode and the blog example's iframes,
 * every export, every preset, keyboard use, axe in both themes, and screenshots at 375 and 1920 px.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { presets } from '../../src/core/presets';
import { decodeParamsQuery } from '../../src/core/urlCodec';
import { artifactsDir, launchBrowser, repositoryRoot, runBrowserTests, waitForCompleteRun, warnIfSkipped, sharedBuild } from './browserHarness';
import { serveDirectory, type StaticServer } from './staticServer';

warnIfSkipped('sharing.test.ts');

/** Small runs wherever a test does not need the default sizes. */
const small = 'samples=2000&dim=200&seeds=2&horizon=3';
const subPath = 'some/sub/path/';
const theoryQuantities = ['trainLoss', 'trainError', 'testLoss', 'testError', 'q', 'm', 'cosine'] as const;
/** A strict policy for images (the PNG export must live with it). */
const strictCsp = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:";

interface PageLog {
  errors: string[];
  dialogs: string[];
}

function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** Final value and point count of the current run's theory series of `quantity`, as the page draws it. */
async function theoryFinal(page: Page, quantity: string): Promise<{ value: number; points: number; runId: string }> {
  const path = page.locator(`path[data-series="theory"][data-quantity="${quantity}"][data-stale="false"]`).first();
  return {
    value: Number(await path.getAttribute('data-final-value')),
    points: Number(await path.getAttribute('data-points')),
    runId: (await path.getAttribute('data-run')) ?? '',
  };
}

async function sliderTexts(page: Page | Frame): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('input[type="range"]')].map((slider) => [slider.id, slider.getAttribute('aria-valuetext') ?? ''])),
  );
}

/** Runs the project's CLI (the same command a user types) and returns its stdout. */
function cli(args: string[]): string {
  return execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Axe findings (serious and critical only) on the current page; axe is served from the page's origin, as its CSP allows only 'self' scripts. */
async function seriousAxeViolations(page: Page, axeUrl: string): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.addScriptTag({ url: axeUrl });
  const violations = await page.evaluate(async () => {
    type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  if (violations.length > 0) console.log('[e2e sharing] axe findings:', JSON.stringify(violations));
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

describe.skipIf(!runBrowserTests)('sharing, teaching and embedding in Chromium', () => {
  let buildDir = '';
  let siteDir = '';
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext;
  let root = '';
  const logs = new Map<Page, PageLog>();

  /** A fresh page that records console errors, page errors and JavaScript dialogs. */
  async function openPage(url: string, options: { context?: BrowserContext } = {}): Promise<Page> {
    const page = await (options.context ?? context).newPage();
    const log: PageLog = { errors: [], dialogs: [] };
    logs.set(page, log);
    page.on('console', (message) => {
      if (message.type() === 'error') log.errors.push(message.text());
    });
    page.on('pageerror', (error) => log.errors.push(String(error)));
    page.on('dialog', (dialog) => {
      log.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url);
    return page;
  }

  function logOf(page: Page): PageLog {
    return logs.get(page)!;
  }

  beforeAll(async () => {
    buildDir = sharedBuild(); // read only: shared by every e2e file
    // One plain static server: the build at its root and again under a sub-path.
    siteDir = mkdtempSync(join(tmpdir(), 'sgf-dmft-site-'));
    cpSync(buildDir, siteDir, { recursive: true });
    cpSync(buildDir, join(siteDir, subPath), { recursive: true });
    cpSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), join(siteDir, 'axe.min.js'));
    server = await serveDirectory(siteDir);
    root = server.url;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(root).origin });
    mkdirSync(artifactsDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  it('a URL with parameters sets every control, and the theory equals the CLI’s for those parameters', async () => {
    const query = `model=logistic&alpha=3&batch-fraction=0.25&step=0.2&ridge=0.05&beta=2&init-scale=0.1&seed=7&${small}`;
    const page = await openPage(`${root}?${query}`);
    await waitForCompleteRun(page);
    expect(await sliderTexts(page)).toEqual({ 'slider-alpha': 'α = 3', 'slider-batch-fraction': 'b = 0.25', 'slider-step': 'h = 0.2' });
    await page.locator('details.advanced > summary').click();
    const fields = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('.advanced input, .advanced select')].map((field) => [field.id, field.value])),
    );
    expect(fields).toMatchObject({
      'field-model': 'logistic',
      'field-ridge': '0.05',
      'field-horizon': '3',
      'field-beta': '2',
      'field-dim': '200',
      'field-seeds': '2',
      'field-samples': '2000',
      'field-seed': '7',
    });

    // The solver is deterministic: the page's theory is the CLI's, to rounding.
    const { params, corrections } = decodeParamsQuery(query);
    expect(corrections).toEqual([]);
    const expected = solveDmft(params).table;
    for (const quantity of theoryQuantities) {
      const drawn = await theoryFinal(page, quantity);
      expect(drawn.points, quantity).toBe(expected.t.length);
      expect(relativeDifference(drawn.value, expected[quantity].at(-1)!), quantity).toBeLessThanOrEqual(1e-9);
    }
    expect(logOf(page).errors).toEqual([]);
    await page.close();
  });

  it('a moved slider is written to the URL, and the copied link reopens the same figure', async () => {
    const page = await openPage(`${root}?${small}&seed=3`);
    await waitForCompleteRun(page);
    const slider = page.getByRole('slider', { name: /sample ratio α/ });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('α = 2.5');
    await expect.poll(() => new URL(page.url()).searchParams.get('alpha'), { timeout: 5000 }).toBe('2.5');
    const runId = await page.locator('.run-status').getAttribute('data-run-id');
    await waitForCompleteRun(page, runId ?? undefined);
    const before = await theoryFinal(page, 'trainLoss');

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('.copy-result').textContent()).toBe('Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(page.url());
    expect(new URL(link).searchParams.get('seed')).toBe('3');

    const reopened = await openPage(link);
    await waitForCompleteRun(reopened);
    const after = await theoryFinal(reopened, 'trainLoss');
    expect(after.value).toBe(before.value);
    expect(after.points).toBe(before.points);
    expect(await sliderTexts(reopened)).toEqual(await sliderTexts(page));
    expect([...logOf(page).errors, ...logOf(reopened).errors]).toEqual([]);
    await reopened.close();
    await page.close();
  });

  it('bad URL values are corrected and listed in a notice, as inert text, with no console error', async () => {
    // Short enough (≤ 40 characters) for the notice to show them whole.
    const payload = '<script>alert(1)</script>';
    const imagePayload = '<img src=x onerror=alert(2)>';
    const page = await openPage(`${root}?alpha=abc&ridge=${encodeURIComponent(payload)}&beta=${encodeURIComponent(imagePayload)}&${small}`);
    const notice = page.getByRole('region', { name: /could not be used/ });
    await notice.waitFor();
    const items = await notice.locator('li').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toBe('alpha: given “abc”, using 2 (not a number)');
    expect(items.join('\n')).toContain(payload);
    expect(items.join('\n')).toContain(imagePayload);
    const injected = await page.evaluate(() => ({
      elementsInNotice: document.querySelectorAll('.notice script, .notice img').length,
      inlineScripts: [...document.querySelectorAll('script')].filter((script) => (script.textContent ?? '').includes('alert(')).length,
      images: [...document.querySelectorAll('img')].filter((image) => image.getAttribute('src') === 'x').length,
    }));
    expect(injected).toEqual({ elementsInNotice: 0, inlineScripts: 0, images: 0 });
    // The address bar now holds the values in use.
    const search = new URL(page.url()).searchParams;
    expect(search.get('alpha')).toBe('2');
    expect(search.get('ridge')).toBe('0.01');
    await waitForCompleteRun(page);

    const outOfRange = await openPage(`${root}?alpha=1e9&${small}`);
    const item = outOfRange.getByRole('region', { name: /could not be used/ }).locator('li');
    await expect.poll(() => item.textContent()).toBe('alpha: given “1e9”, using 10 (outside 0.1 … 10)');
    expect(await outOfRange.getByRole('slider', { name: /sample ratio α/ }).getAttribute('aria-valuetext')).toBe('α = 10');
    await waitForCompleteRun(outOfRange);
    await outOfRange.getByRole('button', { name: 'Dismiss' }).click();
    expect(await outOfRange.getByRole('region', { name: /could not be used/ }).count()).toBe(0);

    for (const opened of [page, outOfRange]) {
      expect(logOf(opened).errors).toEqual([]);
      expect(logOf(opened).dialogs).toEqual([]);
      await opened.close();
    }
  });

  it('embed mode hides the chrome, shows only the chosen sliders, and its plots follow the frame size', async () => {
    const page = await openPage(`${root}?embed=1&controls=batch&plots=trainLoss,norm&${small}`);
    await waitForCompleteRun(page);
    const chrome = await page.evaluate(() => ({
      header: [...document.querySelectorAll('h1:not(.visually-hidden), .toolbar, .presets, .explanation, details.advanced, .progress-bars')].filter((element) => element.getClientRects().length > 0).length,
      panels: [...document.querySelectorAll('figure.panel')].map((panel) => panel.getAttribute('data-panel')),
      scrolls: document.documentElement.scrollHeight > innerHeight + 1,
    }));
    expect(chrome).toEqual({ header: 0, panels: ['trainLoss', 'norm'], scrolls: false });
    expect(Object.keys(await sliderTexts(page))).toEqual(['slider-batch-fraction']);
    const plotHeight = async (): Promise<number> => Number(await page.locator('figure[data-panel="trainLoss"] svg[role="img"]').getAttribute('height'));
    const tall = await plotHeight();
    expect(tall).toBeGreaterThan(400);
    await page.setViewportSize({ width: 900, height: 480 });
    await expect.poll(plotHeight).toBeLessThan(tall - 200);
    await page.screenshot({ path: join(artifactsDir, 'sharing-embed.png') });

    await page.goto(`${root}?embed=1&controls=&${small}`);
    await page.locator('figure.panel').first().waitFor();
    expect(await sliderTexts(page)).toEqual({});
    await page.goto(`${root}?embed=1&controls=none&${small}`);
    await page.locator('figure.panel').first().waitFor();
    expect(await sliderTexts(page)).toEqual({});
    expect(logOf(page).errors).toEqual([]);
    await page.close();
  });

  it('the production build works under a sub-path, and the blog example embeds it with relative iframes', async () => {
    const app = await openPage(`${root}${subPath}?${small}`);
    await waitForCompleteRun(app);
    expect(new URL(app.url()).pathname).toBe(`/${subPath}`);
    expect(logOf(app).errors).toEqual([]);
    await app.close();

    const blog = await openPage(`${root}${subPath}embed-example.html`);
    const frames = blog.locator('iframe');
    expect(await frames.count()).toBe(2);
    const children = await Promise.all([0, 1].map(async (index) => (await frames.nth(index).elementHandle())!.contentFrame()));
    for (const frame of children) {
      expect(frame).not.toBeNull();
      // The iframes load lazily: until a frame's navigation has started its URL is '' (or about:blank), so wait for it.
      await frame!.waitForURL((url) => url.pathname.endsWith('index.html'), { waitUntil: 'commit' });
      expect(new URL(frame!.url()).pathname).toBe(`/${subPath}index.html`);
      await waitForCompleteRun(frame!);
    }
    expect(Object.keys(await sliderTexts(children[0]!))).toEqual(['slider-alpha', 'slider-batch-fraction', 'slider-step']);
    expect(await sliderTexts(children[1]!)).toEqual({ 'slider-batch-fraction': 'b = 0.02' });
    expect(await children[1]!.locator('h1:not(.visually-hidden), .toolbar, .explanation').count()).toBe(0);
    await blog.screenshot({ path: join(artifactsDir, 'sharing-blog-example.png'), fullPage: true });
    expect(logOf(blog).errors).toEqual([]);
    await blog.close();
  });

  it('every export downloads a file that parses: PNG, SVG, and the data in the CLI schema (under a strict CSP)', async () => {
    const query = `alpha=1.5&batch-fraction=0.2&seed=5&${small}`;
    const page = await context.newPage();
    const log: PageLog = { errors: [], dialogs: [] };
    logs.set(page, log);
    page.on('console', (message) => {
      if (message.type() === 'error') log.errors.push(message.text());
    });
    page.on('pageerror', (error) => log.errors.push(String(error)));
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      if (route.request().resourceType() === 'document') headers['content-security-policy'] = strictCsp;
      await route.fulfill({ response, headers });
    });
    await page.goto(`${root}?${query}`);
    await waitForCompleteRun(page);
    await page.locator('details.export-menu > summary').click();

    const download = async (selector: string): Promise<{ name: string; bytes: Buffer }> => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
      const path = await (file as Download).path();
      return { name: file.suggestedFilename(), bytes: readFileSync(path) };
    };
    const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svgParses = (text: string) =>
      page.evaluate((source) => {
        const parsed = new DOMParser().parseFromString(source, 'image/svg+xml');
        return {
          error: parsed.querySelector('parsererror')?.textContent ?? null,
          root: parsed.documentElement.nodeName,
          theoryPaths: parsed.querySelectorAll('path[data-series="theory"]').length,
          styled: parsed.querySelector('path[data-series="theory"]')?.getAttribute('style') ?? '',
        };
      }, text);

    for (const target of ['figure', 'trainLoss']) {
      await page.locator('#export-target').selectOption(target);
      const png = await download('[data-export="png"]');
      expect(png.name).toMatch(new RegExp(`^sgf-dmft-${target}-.*\\.png$`));
      expect(png.bytes.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(png.bytes.length).toBeGreaterThan(5000);
      writeFileSync(join(artifactsDir, `sharing-export-${target}.png`), png.bytes);
      const svg = await download('[data-export="svg"]');
      expect(svg.name).toMatch(/\.svg$/);
      const parsed = await svgParses(svg.bytes.toString('utf8'));
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe('svg');
      expect(parsed.theoryPaths).toBeGreaterThan(0);
      expect(parsed.styled).toMatch(/stroke: /);
      if (target === 'figure') await page.screenshot({ path: join(artifactsDir, 'sharing-export-menu.png') });
    }

    // Data: one file per series group, in exactly the CLI's schema.
    const { params } = decodeParamsQuery(query);
    const flags = Object.entries({ alpha: params.alpha, 'batch-fraction': params.batchFraction, seed: params.seed, samples: 2000, dim: 200, seeds: 2, horizon: 3 }).map(
      ([name, value]) => `--${name}=${value}`,
    );
    const cliSgfJson = JSON.parse(cli(['simulate', '--algo=sgf', ...flags, '--format=json']));
    // The two theories: the SGF's is `cli theory`, SGD's `cli theory --algo sgd`.
    for (const [source, algorithmFlags] of [['theory', []], ['sgdTheory', ['--algo=sgd']], ['online', ['--algo=online']]] as const) {
      const cliTheoryCsv = cli(['theory', ...algorithmFlags, ...flags, '--format=csv']);
      const rows = (text: string) => text.trim().split('\n').slice(1).map((row) => row.split(',').map(Number));
      const csvOf = async () => (await download(`[data-export="${source}-csv"]`)).bytes.toString('utf8');
      // The one-pass overlay, while not shown, comes after the simulations (src/app/runManager.ts): wait for its rows.
      await expect.poll(async () => rows(await csvOf()).length, { timeout: 30_000 }).toBe(rows(cliTheoryCsv).length);
      const theoryCsv = await csvOf();
      expect(theoryCsv.split('\n')[0]).toBe(cliTheoryCsv.split('\n')[0]);
      // The same deterministic theory, row for row (to 1e-9: Chromium's and Node's V8 may round the last bit differently).
      const [pageRows, cliRows] = [rows(theoryCsv), rows(cliTheoryCsv)];
      expect(pageRows, source).toHaveLength(cliRows.length);
      const worst = Math.max(...pageRows.flatMap((row, k) => row.map((value, c) => Math.abs(value - cliRows[k][c]) / Math.max(Math.abs(cliRows[k][c]), 1e-6))));
      expect(worst, source).toBeLessThanOrEqual(1e-9);
      const theoryJson = JSON.parse((await download(`[data-export="${source}-json"]`)).bytes.toString('utf8'));
      const cliJson = JSON.parse(cli(['theory', ...algorithmFlags, ...flags, '--format=json']));
      expect(Object.keys(theoryJson), source).toEqual(Object.keys(cliJson));
      expect(theoryJson.params, source).toEqual(cliJson.params);
      expect(theoryJson.about, source).toEqual(cliJson.about);
    }
    for (const algorithm of ['sgf', 'sgd']) {
      const csv = (await download(`[data-export="${algorithm}-csv"]`)).bytes.toString('utf8');
      const json = JSON.parse((await download(`[data-export="${algorithm}-json"]`)).bytes.toString('utf8'));
      expect(csv.split('\n')[0]).toBe(Object.keys(cliSgfJson).filter((key) => key !== 'params' && key !== 'diverged').join(','));
      expect(Object.keys(json)).toEqual(Object.keys(cliSgfJson));
      expect(json.t).toHaveLength(cliSgfJson.t.length);
      expect(csv).not.toMatch(/NaN/);
      // Seed means and standard errors follow one rule (core/sim/seedStatistics.ts): the CLI's numbers, row for row.
      const cliJson = JSON.parse(cli(['simulate', `--algo=${algorithm}`, ...flags, '--format=json']));
      for (const key of Object.keys(cliJson).filter((name) => name !== 'params' && name !== 'diverged')) {
        const worst = Math.max(...(json[key] as (number | null)[]).map((value, k) => (value === null && cliJson[key][k] === null ? 0 : Math.abs((value ?? NaN) - cliJson[key][k]) / Math.max(Math.abs(cliJson[key][k]), 1e-6))));
        expect(worst, `${algorithm} ${key}`).toBeLessThanOrEqual(1e-9);
      }
    }
    expect(log.errors).toEqual([]);
    await page.close();
  });

  it('every preset loads from its URL and runs to completion', async () => {
    const page = await openPage(`${root}?${small}`);
    await waitForCompleteRun(page);
    // Choosing a preset in the page sets its parameters, its caption and the URL.
    await page.locator(`[data-preset="${presets[0].id}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('preset'), { timeout: 5000 }).toBe(presets[0].id);
    expect(await page.locator(`[data-preset-caption="${presets[0].id}"]`).textContent()).toContain(presets[0].caption);
    expect(new URL(page.url()).searchParams.get('batch-fraction')).toBe(String(presets[0].params.batchFraction));

    for (const preset of presets) {
      const started = Date.now();
      await page.goto(`${root}?preset=${preset.id}`);
      await waitForCompleteRun(page);
      expect(await page.locator(`[data-preset="${preset.id}"]`).getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator(`[data-preset-caption="${preset.id}"]`).count()).toBe(1);
      const texts = await sliderTexts(page);
      expect(texts['slider-alpha']).toBe(`α = ${preset.params.alpha}`);
      console.log(`[e2e sharing] preset ${preset.id}: complete in ${Date.now() - started} ms`);
    }
    expect(logOf(page).errors).toEqual([]);
    await page.close();
  });

  it('is usable by keyboard: visible focus, space, r and ? shortcuts, and the dialog closes with Esc', async () => {
    const page = await openPage(`${root}?${small}`);
    await waitForCompleteRun(page);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { text: element.textContent, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused).toEqual({ text: 'Copy link', outline: 'solid', width: '3px' });

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^paused/);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('status').textContent()).not.toMatch(/^paused/);
    const runId = Number(await page.locator('.run-status').getAttribute('data-run-id'));
    await page.keyboard.press('r');
    await expect.poll(async () => Number(await page.locator('.run-status').getAttribute('data-run-id'))).toBeGreaterThan(runId);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    // Arrow keys still move a focused slider (and are no shortcut).
    const slider = page.getByRole('slider', { name: /step size h/ });
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('h = 0.08');
    await waitForCompleteRun(page);
    expect(logOf(page).errors).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility violations in the light and the dark theme (axe-core)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await openPage(`${root}?theme=${theme}&${small}`);
      await waitForCompleteRun(page);
      await page.locator('.theory-details > summary').click();
      await page.locator('.theory-notes').waitFor();
      await page.locator('details.export-menu > summary').click();
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe(theme);
      expect(await seriousAxeViolations(page, `${root}axe.min.js`), theme).toEqual([]);
      await page.close();
    }
    // Without a choice, the page follows the system's colour scheme.
    const darkContext = await browser!.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'dark' });
    const page = await openPage(`${root}?embed=1&${small}`, { context: darkContext });
    await waitForCompleteRun(page);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(17, 17, 19)');
    expect(await seriousAxeViolations(page, `${root}axe.min.js`)).toEqual([]);
    await darkContext.close();
  });

  it('fits a 375 px phone and a 1920×1080 projector (screenshots in test-artifacts/)', async () => {
    const phone = await browser!.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    const narrow = await openPage(`${root}?${small}`, { context: phone });
    await waitForCompleteRun(narrow);
    const layout = await narrow.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - innerWidth,
      columns: new Set([...document.querySelectorAll('figure.panel')].map((panel) => Math.round(panel.getBoundingClientRect().left))).size,
      sliderLefts: new Set([...document.querySelectorAll('.slider')].map((slider) => Math.round(slider.getBoundingClientRect().left))).size,
    }));
    expect(layout).toEqual({ overflow: 0, columns: 1, sliderLefts: 1 });
    await narrow.screenshot({ path: join(artifactsDir, 'sharing-375.png'), fullPage: true });
    await phone.close();

    const projector = await browser!.newContext({ viewport: { width: 1920, height: 1080 } });
    const wide = await openPage(`${root}?present=1&${small}`, { context: projector });
    await waitForCompleteRun(wide);
    const present = await wide.evaluate(() => ({
      fontSize: getComputedStyle(document.documentElement).fontSize,
      advanced: document.querySelectorAll('details.advanced').length,
      theoryWidth: getComputedStyle(document.querySelector('path[data-series="theory"]')!).strokeWidth,
      overflow: document.documentElement.scrollWidth - innerWidth,
      // A lecturer projecting the page sees every plot without scrolling.
      plots: document.querySelectorAll('.plot-grid svg[role="img"]').length,
      plotsBelowTheFold: [...document.querySelectorAll('.plot-grid svg[role="img"]')].filter((svg) => svg.getBoundingClientRect().bottom > innerHeight).length,
    }));
    expect(present).toEqual({ fontSize: '20px', advanced: 0, theoryWidth: '4.5px', overflow: 0, plots: 5, plotsBelowTheFold: 0 });
    await wide.screenshot({ path: join(artifactsDir, 'sharing-1920-present.png') });
    await wide.goto(`${root}?theme=dark&${small}`);
    await waitForCompleteRun(wide);
    await wide.screenshot({ path: join(artifactsDir, 'sharing-1920-dark.png') });
    expect(logOf(wide).errors).toEqual([]);
    await projector.close();
  });
});
