/**
 * What a lecturer, a researcher and a blogger meet first (issue 13), in real headless Chromium on the
 * production build: presentation mode on projector sizes, embeds, labels that neither overlap nor get
 * cut, the hover readout, single-plot exports, and Space after a click. Screenshots in test-artifacts/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, runBrowserTests, waitForCompleteRun, warnIfSkipped, sharedBuild } from './browserHarness';
import { serveDirectory, type StaticServer } from './staticServer';

warnIfSkipped('lecture.test.ts');

/** Small runs: the layout does not depend on the sizes. */
const small = 'samples=2000&dim=200&seeds=2&horizon=3';
/** Small runs that keep the preset's horizon (the divergence preset blows up after t = 4). */
const smallSizes = 'samples=2000&dim=200&seeds=2';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Layout facts of the page: every plot's box, slider labels, and axis labels against their plots. */
async function layoutOf(page: Page) {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    };
    const plots = [...document.querySelectorAll<SVGSVGElement>('.plot-grid svg[role="img"]')].map((svg) => {
      const labels = [...svg.querySelectorAll('.axis-label:not([data-probe])')].map((label) => ({ text: label.textContent ?? '', box: box(label) }));
      return { name: svg.getAttribute('aria-label') ?? '', box: box(svg), labels };
    });
    return {
      viewport: { width: innerWidth, height: innerHeight },
      overflow: document.documentElement.scrollWidth - innerWidth,
      plots,
      sliderLabels: [...document.querySelectorAll('.slider label')].map((label) => ({ text: label.textContent ?? '', box: box(label) })),
      caption: [...document.querySelectorAll('.preset-caption')].map((caption) => ({ box: box(caption), scrolls: caption.scrollHeight > caption.clientHeight + 1 }))[0] ?? null,
    };
  });
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

function inside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
}

describe.skipIf(!runBrowserTests)('lecture-ready in Chromium', () => {
  let buildDir = '';
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  let root = '';

  beforeAll(async () => {
    buildDir = sharedBuild(); // read only: shared by every e2e file
    server = await serveDirectory(buildDir);
    root = server.url;
    browser = await launchBrowser();
    mkdirSync(artifactsDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page at `width`×`height` that records console errors and warnings. */
  async function open(query: string, width: number, height: number): Promise<{ page: Page; messages: string[]; close: () => Promise<void> }> {
    const context = await browser!.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') messages.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => messages.push(String(error)));
    await page.goto(`${root}?${query}`);
    return { page, messages, close: () => context.close() };
  }

  it('presentation mode: on every projector size each plot is readable, in view from 1200×700 on, and no label overlaps or is cut', async () => {
    const sizes = [
      [1280, 720],
      [1280, 800],
      [1366, 768],
      [1024, 768],
      [1920, 1080],
    ] as const;
    for (const [width, height] of sizes) {
      for (const preset of ['hot-noise', 'sgf-vs-sgd']) {
        const { page, messages, close } = await open(`present=1&preset=${preset}&${small}`, width, height);
        await waitForCompleteRun(page);
        for (const paused of [false, true]) {
          if (paused) {
            await page.keyboard.press('Space');
            await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^paused/);
          }
          const where = `${width}×${height} ${preset}${paused ? ' paused' : ''}`;
          const layout = await layoutOf(page);
          expect(layout.overflow, where).toBe(0);
          expect(layout.plots.length, where).toBeGreaterThanOrEqual(4);
          for (const plot of layout.plots) {
            // Readable: a plot of at least 240 × 150 px.
            expect(plot.box.right - plot.box.left, `${where} ${plot.name} width`).toBeGreaterThanOrEqual(240);
            expect(plot.box.bottom - plot.box.top, `${where} ${plot.name} height`).toBeGreaterThanOrEqual(150);
            if (width >= 1200 && height >= 700) expect(plot.box.bottom, `${where} ${plot.name} in view`).toBeLessThanOrEqual(height);
            for (const label of plot.labels) expect(inside(label.box, plot.box), `${where} ${plot.name}: axis label "${label.text}" cut ${JSON.stringify([label.box, plot.box])}`).toBe(true);
          }
          // The preset's caption, which the lecturer reads out, is whole and in view too.
          expect(layout.caption, where).not.toBeNull();
          if (width >= 1200 && height >= 700) {
            expect(layout.caption!.box.bottom, `${where} caption in view`).toBeLessThanOrEqual(height);
            expect(layout.caption!.scrolls, `${where} caption whole`).toBe(false);
          }
          const labels = layout.sliderLabels;
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) {
              expect(overlaps(labels[i].box, labels[j].box), `${where}: "${labels[i].text}" overlaps "${labels[j].text}"`).toBe(false);
            }
          }
        }
        if (preset === 'hot-noise' && width === 1280 && height === 720) await page.screenshot({ path: join(artifactsDir, 'lecture-present-1280x720.png') });
        expect(messages, `${width}×${height}`).toEqual([]);
        await close();
      }
    }
  });

  it('the full page at projector and laptop sizes: no slider label runs into another, no axis label is cut', async () => {
    for (const [width, height] of [
      [1024, 768],
      [1280, 720],
      [1366, 768],
      [1440, 900],
    ] as const) {
      const { page, messages, close } = await open(small, width, height);
      await waitForCompleteRun(page);
      const layout = await layoutOf(page);
      const where = `${width}×${height}`;
      expect(layout.overflow, where).toBe(0);
      const labels = layout.sliderLabels;
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i].box, labels[j].box), `${where}: "${labels[i].text}" overlaps "${labels[j].text}"`).toBe(false);
      }
      for (const plot of layout.plots) for (const label of plot.labels) expect(inside(label.box, plot.box), `${where} ${plot.name}: "${label.text}" cut`).toBe(true);
      if (width === 1440) await page.screenshot({ path: join(artifactsDir, 'lecture-1440x900.png') });
      expect(messages, where).toEqual([]);
      await close();
    }
  });

  it('Space plays and pauses after a click on any button, without pressing that button again', async () => {
    const { page, messages, close } = await open(small, 1440, 900);
    await waitForCompleteRun(page);
    const status = () => page.getByRole('status').textContent();
    const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    const present = () => page.evaluate(() => document.documentElement.getAttribute('data-present'));
    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await theme()).toBe('dark');
    await page.keyboard.press('Space');
    await expect.poll(status).toMatch(/^paused/);
    expect(await theme()).toBe('dark');
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    expect(await present()).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(status).not.toMatch(/^paused/);
    expect(await present()).toBe('true');
    await page.getByRole('button', { name: /Pause/ }).click();
    await expect.poll(status).toMatch(/^paused/);
    await page.keyboard.press('Space');
    await expect.poll(status).not.toMatch(/^paused/);
    // A button reached by keyboard still takes Space as its own.
    await page.getByRole('button', { name: 'Presentation mode' }).focus();
    await page.keyboard.press('Space');
    expect(await present()).toBeNull();
    expect(messages).toEqual([]);
    await close();
  });

  it('divergence notes neither cover the curves nor overlap each other, and are not cut, in the page and in a narrow embed', async () => {
    for (const [query, width, height] of [
      [`preset=divergence&${smallSizes}`, 1440, 900],
      [`embed=1&preset=divergence&plots=trainLoss,norm&${smallSizes}`, 375, 480],
      [`embed=1&preset=divergence&${smallSizes}`, 900, 480],
    ] as const) {
      const { page, messages, close } = await open(query, width, height);
      await waitForCompleteRun(page);
      const panels = await page.evaluate(() =>
        [...document.querySelectorAll('figure.panel')].map((panel) => {
          const box = (element: Element) => {
            const rect = element.getBoundingClientRect();
            return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
          };
          return {
            name: panel.getAttribute('data-panel') ?? '',
            panel: box(panel),
            svg: box(panel.querySelector('svg[role="img"]')!),
            rules: panel.querySelectorAll('svg[role="img"] .divergence').length,
            textsInPlot: panel.querySelectorAll('svg[role="img"] .divergence text').length,
            notes: [...panel.querySelectorAll('.legend-divergence')].map((note) => ({ text: note.textContent ?? '', box: box(note), scrolls: note.scrollWidth > note.clientWidth + 1 })),
          };
        }),
      );
      for (const panel of panels) {
        const where = `${width}×${height} ${panel.name}`;
        expect(panel.rules, where).toBeGreaterThan(0);
        expect(panel.textsInPlot, where).toBe(0);
        expect(panel.notes.length, where).toBe(panel.rules);
        for (const note of panel.notes) {
          expect(note.text, where).toMatch(/diverged at t = \d/);
          expect(inside(note.box, panel.panel), `${where}: "${note.text}" cut`).toBe(true);
          expect(note.scrolls, `${where}: "${note.text}" cut`).toBe(false);
          expect(overlaps(note.box, panel.svg), `${where}: "${note.text}" over the plot`).toBe(false);
        }
        for (let i = 0; i < panel.notes.length; i++) {
          for (let j = i + 1; j < panel.notes.length; j++) expect(overlaps(panel.notes[i].box, panel.notes[j].box), where).toBe(false);
        }
      }
      expect(messages).toEqual([]);
      await close();
    }
  });

  it('a narrow embed either grows its iframe (the example page listens) or says the plots scroll', async () => {
    // Alone in a 375×480 window: the plots scroll inside, and a cue says so.
    const alone = await open(`embed=1&preset=hot-noise&${small}`, 375, 480);
    await waitForCompleteRun(alone.page);
    await alone.page.locator('.scroll-cue').waitFor();
    await alone.page.screenshot({ path: join(artifactsDir, 'lecture-embed-375x480.png') });
    await alone.close();

    // In the blog example on a phone: the page posts the height it needs and the example sets it on its iframe.
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
    const blog = await context.newPage();
    await blog.goto(`${root}embed-example.html`);
    const frame = blog.locator('iframe').nth(1);
    await frame.scrollIntoViewIfNeeded();
    const child = (await frame.elementHandle())!.contentFrame();
    await child.then((f) => f!.waitForURL((url) => url.pathname.endsWith('index.html'), { waitUntil: 'commit' }));
    await waitForCompleteRun((await child)!);
    await expect.poll(() => frame.evaluate((element) => element.getBoundingClientRect().height), { timeout: 10_000 }).toBeGreaterThan(460);
    const inner = await (await child)!.evaluate(() => {
      const grid = document.querySelector('.plot-grid')!;
      return { overflow: grid.scrollHeight - grid.clientHeight, cue: document.querySelectorAll('.scroll-cue').length };
    });
    expect(inner).toEqual({ overflow: 0, cue: 0 });
    await blog.screenshot({ path: join(artifactsDir, 'lecture-blog-390.png'), fullPage: true });
    await context.close();
  });

  it('the hover readout of a two-quantity plot stays whole inside the plot, wherever the pointer is', async () => {
    for (const [query, width, height] of [
      [small, 1440, 900],
      [`present=1&${small}`, 1280, 720],
      [`embed=1&plots=error,overlap&${small}`, 375, 480],
    ] as const) {
      const { page, messages, close } = await open(query, width, height);
      await waitForCompleteRun(page);
      for (const panel of ['error', 'overlap']) {
        const svg = page.locator(`figure[data-panel="${panel}"] svg[role="img"]`);
        await svg.scrollIntoViewIfNeeded();
        const box = (await svg.boundingBox())!;
        // Just right of the value axis, the middle, and just left of the right edge.
        for (const offset of [70, box.width / 2, box.width - 20]) {
          await page.mouse.move(box.x + offset, box.y + box.height / 2);
          const where = `${width}×${height} ${panel} at x = ${Math.round(offset)}`;
          const readout = await page.evaluate((name) => {
            const plot = document.querySelector(`figure[data-panel="${name}"] svg[role="img"]`)!;
            const area = plot.closest('.plot-area')!.getBoundingClientRect();
            const svgBox = plot.getBoundingClientRect();
            const visible = { left: Math.max(area.left, svgBox.left), right: Math.min(area.right, svgBox.right), top: Math.max(area.top, svgBox.top), bottom: Math.min(area.bottom, svgBox.bottom) };
            const rect = plot.querySelector('.crosshair-box')?.getBoundingClientRect();
            const texts = [...plot.querySelectorAll('.crosshair-text')].map((text) => {
              const r = text.getBoundingClientRect();
              return { text: text.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
            });
            return { visible, box: rect ? { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom } : null, texts };
          }, panel);
          expect(readout.box, where).not.toBeNull();
          expect(readout.texts.length, where).toBeGreaterThan(2);
          expect(inside(readout.box!, readout.visible), `${where}: box ${JSON.stringify(readout.box)} outside ${JSON.stringify(readout.visible)}`).toBe(true);
          for (const text of readout.texts) expect(inside(text, readout.box!), `${where}: "${text.text}" outside its box`).toBe(true);
        }
      }
      expect(messages).toEqual([]);
      await close();
    }
  });

  it('a single-plot export (SVG and PNG) keeps its whole caption, titled with β, T and Δt', async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const { page, messages, close } = await open(`step=0.2&dt=0.02&horizon=4&${smallSizes}`, width, height);
      await waitForCompleteRun(page);
      await page.locator('details.export-menu > summary').click();
      for (const target of ['overlap', 'trainLoss', 'figure']) {
        await page.locator('#export-target').selectOption(target);
        const save = async (format: string): Promise<Buffer> => {
          const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${format}"]`).click()]);
          return readFileSync(await file.path());
        };
        const svg = (await save('svg')).toString('utf8');
        const png = await save('png');
        writeFileSync(join(artifactsDir, `lecture-export-${target}-${width}.png`), png);
        const size = { width: Number(/width="(\d+)"/.exec(svg)![1]), height: Number(/height="(\d+)"/.exec(svg)![1]) };
        // The PNG is the same image at twice the size (its width and height are bytes 16–23 of the IHDR chunk).
        expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 2 * size.width, height: 2 * size.height });
        const viewer = await page.context().newPage();
        await viewer.setContent(`<body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
        const texts = await viewer.evaluate(() => {
          const root = document.querySelector('body > svg')!.getBoundingClientRect();
          return [...document.querySelectorAll('body > svg > text, body > svg > g text')]
            .filter((text) => !text.closest('svg svg'))
            .map((text) => {
              const box = text.getBoundingClientRect();
              return { text: text.textContent ?? '', inside: box.left >= root.left - 0.5 && box.right <= root.right + 0.5 && box.top >= root.top - 0.5 && box.bottom <= root.bottom + 0.5 };
            });
        });
        await viewer.close();
        const where = `${width}×${height} ${target}`;
        for (const text of texts) expect(text.inside, `${where}: "${text.text}" cut`).toBe(true);
        const words = texts.map((text) => text.text).join(' ');
        expect(words, where).toMatch(/β = 1/);
        expect(words, where).toMatch(/T = 4/);
        expect(words, where).toMatch(/Δt = 0\.02/);
        if (target === 'overlap') expect(words.replace(/\s+/g, ' '), where).toContain('solid: overlap m · dashed, hollow: cosine m/√q');
      }
      expect(messages).toEqual([]);
      await close();
    }
  });

  it('the sign teacher leaves no console warning ("Infinity" cannot be parsed) when it is set or unset', async () => {
    const { page, messages, close } = await open(`preset=overparameterized&${small}`, 1440, 900);
    await waitForCompleteRun(page);
    await page.locator('details.advanced > summary').click();
    const sign = page.getByLabel(/sign teacher/);
    expect(await sign.isChecked()).toBe(true);
    expect(await page.locator('#field-beta').inputValue()).toBe('');
    await sign.uncheck();
    await expect.poll(() => page.locator('#field-beta').inputValue()).toBe('1');
    await sign.check();
    await waitForCompleteRun(page);
    expect(messages).toEqual([]);
    await close();
  });
});
