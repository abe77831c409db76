/**
 * `npx tsx bench/mainThread.ts [build dir] [query]`: the main thread's cost of drawing a run (the default one, or the
 * parameters of a query such as `seeds=32&horizon=100`) in headless Chromium — per animation frame (its callbacks and
 * the synchronous React render they trigger), the long tasks (issue 14: none over 50 ms during a run), and Chromium's
 * main-thread task time, CPU time and script time while the run streams. Figures, not pass/fail; on a loaded machine
 * the wall-clock figures stretch, the CPU time less so.
 */
import { chromium } from 'playwright-core';
import { buildApp, chromiumArgs, chromiumPath, completeStatus } from '../test/e2e/browserHarness';
import { serveDirectory } from '../test/e2e/staticServer';

/** In the page: times every animation-frame callback with the microtasks it queues (React's sync render), and keeps long tasks. */
function instrument(): void {
  const page = window as unknown as Record<string, unknown>;
  const frames: number[] = [];
  const longTasks: number[] = [];
  page.__frames = frames;
  page.__longTasks = longTasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const original = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    original((time) => {
      const start = performance.now();
      callback(time);
      // React renders a store update in a microtask queued during the callback: this one runs after it.
      queueMicrotask(() => frames.push(performance.now() - start));
    });
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function main(): Promise<void> {
  const buildDir = process.argv[2] ?? buildApp('sgf-dmft-bench-');
  const server = await serveDirectory(buildDir);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(instrument);
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable');
    const metrics = async (): Promise<Record<string, number>> => {
      const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
    };
    await page.goto(`${server.url}${process.argv[3] ? `?${process.argv[3]}` : ''}`);
    await page.waitForSelector('[data-series="theory"]');
    // From the first drawn points to the complete run: the part of the page's life the frames stream in.
    const [start, startAt] = [await metrics(), Date.now()];
    const startCounts = await page.evaluate(() => ({ frames: (window as unknown as { __frames: number[] }).__frames.length, longTasks: (window as unknown as { __longTasks: number[] }).__longTasks.length }));
    await page.waitForFunction((text) => (document.querySelector('.run-status [role="status"]')?.textContent ?? '').includes(text), completeStatus, { timeout: 300_000 });
    const [end, endAt] = [await metrics(), Date.now()];
    const spent = (name: string): string => `${((end[name] - start[name]) * 1000).toFixed(0)} ms`;
    const { frames, longTasks } = await page.evaluate(() => {
      const page = window as unknown as { __frames: number[]; __longTasks: number[] };
      return { frames: [...page.__frames], longTasks: [...page.__longTasks] };
    });
    const run = frames.slice(startCounts.frames).sort((a, b) => a - b);
    const runLong = longTasks.slice(startCounts.longTasks);
    const mean = run.reduce((sum, value) => sum + value, 0) / run.length;
    console.log(`run streamed for ${((endAt - startAt) / 1000).toFixed(1)} s; main thread: tasks ${spent('TaskDuration')}, CPU ${spent('ThreadTime')}, script ${spent('ScriptDuration')}, layout ${spent('LayoutDuration')}, style ${spent('RecalcStyleDuration')}`);
    console.log(`animation frames: ${run.length}; per frame mean ${mean.toFixed(2)} ms, median ${quantile(run, 0.5).toFixed(2)} ms, p95 ${quantile(run, 0.95).toFixed(2)} ms, max ${quantile(run, 1).toFixed(2)} ms`);
    console.log(`long tasks during the run: ${runLong.length}${runLong.length ? `, longest ${Math.max(...runLong).toFixed(0)} ms (${runLong.map((d) => d.toFixed(0)).join(', ')})` : ''}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
