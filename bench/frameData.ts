/**
 * `npx tsx bench/frameData.ts`: the data work of the line plots per animation frame, without the browser: a run's
 * row batches arriving frame by frame (rows computed by a fixed formula, only their cost matters here) go into
 * RunResults, a snapshot is taken, and every line panel computes its value extent and path strings as it renders.
 * Milliseconds per frame (mean, max) for the default run and a long many-seed one. Figures, not pass/fail.
 */
import { performance } from 'node:perf_hooks';
import { defaultParams, type Params } from '../src/core/params';
import { columnCount, type SourceKind, type StreamMessage } from '../src/pipeline/protocol';
import { expectedRowsOf, RunResults, type RunSnapshot } from '../src/app/runResults';
import { panels } from '../src/app/plots/panels';
import { bandPath, linePath, markerPath } from '../src/app/plots/paths';
import { makeTimeScale, makeYScale, margins, valueExtent } from '../src/app/plots/scales';

/** Rows each job sends per frame (the workers batch about one frame of work: src/pipeline/rowBatcher.ts). */
const rowsPerFrame = { theory: 8, sgdTheory: 8, sim: 24 };

function batch(runId: number, source: SourceKind, seedIndex: number, firstIndex: number, count: number, dt: number): StreamMessage {
  const rows = new Float64Array(count * columnCount);
  for (let r = 0; r < count; r++) {
    const t = (firstIndex + r) * dt;
    rows[r * columnCount] = t;
    for (let c = 1; c < columnCount; c++) rows[r * columnCount + c] = 0.5 + 0.3 * Math.exp(-t / (c + seedIndex * 0.01));
  }
  return { type: 'rows', runId, source, seedIndex, firstIndex, rows };
}

/** The batches of each frame: both theories beside one simulation seed pair at a time. */
function frames(params: Params, runId: number): StreamMessage[][] {
  const expected = expectedRowsOf(params);
  const dt = params.horizon / (expected.sgf - 1);
  const step = params.horizon / (expected.sgd - 1);
  const jobs: { source: SourceKind; seedIndex: number; rows: number; perFrame: number; dt: number; sent: number }[][] = [
    [
      { source: 'theory', seedIndex: 0, rows: expected.theory, perFrame: rowsPerFrame.theory, dt, sent: 0 },
      { source: 'sgdTheory', seedIndex: 0, rows: expected.sgdTheory, perFrame: rowsPerFrame.sgdTheory, dt: step, sent: 0 },
    ],
  ];
  for (let seed = 0; seed < params.seeds; seed++) {
    jobs.push([
      { source: 'sgf', seedIndex: seed, rows: expected.sgf, perFrame: rowsPerFrame.sim, dt, sent: 0 },
      { source: 'sgd', seedIndex: seed, rows: expected.sgd, perFrame: rowsPerFrame.sim, dt: step, sent: 0 },
    ]);
  }
  const [theories, ...seeds] = jobs;
  const result: StreamMessage[][] = [];
  while (theories.some((job) => job.sent < job.rows) || seeds.length > 0) {
    const messages: StreamMessage[] = [];
    for (const job of [...theories, ...(seeds[0] ?? [])]) {
      const count = Math.min(job.perFrame, job.rows - job.sent);
      if (count > 0) messages.push(batch(runId, job.source, job.seedIndex, job.sent, count, job.dt));
      job.sent += count;
    }
    if (seeds[0]?.every((job) => job.sent >= job.rows)) seeds.shift();
    result.push(messages);
  }
  return result;
}

/** What the line panels compute from a snapshot as they render: y extents and every mark's path string. */
function drawLinePanels(snapshot: RunSnapshot, width: number, height: number): number {
  let characters = 0;
  const x = makeTimeScale(snapshot.params.horizon, [margins.left, width - margins.right]);
  for (const spec of panels) {
    const names = spec.quantities.map((quantity) => quantity.name);
    const series = Object.values(snapshot.series).filter((entry) => entry !== null);
    const y = makeYScale(valueExtent(series, names, false), false, [height - margins.bottom, margins.top]);
    const scales = { x, y, logScale: false };
    for (const entry of series) {
      for (const name of names) {
        const data = { length: entry.length, t: entry.t, values: entry.values[name] };
        if (entry.source === 'sgd') characters += markerPath(data, scales, Math.ceil(snapshot.expectedRows.sgd / 24), false).length;
        else {
          if (entry.standardError) characters += bandPath({ ...data, errors: entry.standardError[name] }, scales).length;
          characters += linePath(data, scales).length;
        }
      }
    }
  }
  return characters;
}

function measure(title: string, params: Params): void {
  const schedule = frames(params, 1);
  const results = new RunResults(1, params);
  const receive: number[] = [];
  const draw: number[] = [];
  for (const messages of schedule) {
    const start = performance.now();
    for (const message of messages) results.receive(message);
    const snapshot = results.snapshot();
    const drawn = performance.now();
    drawLinePanels(snapshot, 700, 320);
    draw.push(performance.now() - drawn);
    receive.push(drawn - start);
  }
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const total = receive.map((value, k) => value + draw[k]);
  console.log(
    `${title}: ${schedule.length} frames; per frame: receive + snapshot ${mean(receive).toFixed(3)} ms (max ${Math.max(...receive).toFixed(2)}), ` +
      `extents + paths ${mean(draw).toFixed(3)} ms (max ${Math.max(...draw).toFixed(2)}), together max ${Math.max(...total).toFixed(2)} ms`,
  );
}

measure('default run', defaultParams);
measure('default run', defaultParams);
measure('horizon 100, 32 seeds', { ...defaultParams, horizon: 100, seeds: 32 });
