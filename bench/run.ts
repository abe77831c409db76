/**
 * `npm run bench`: timings (median of several runs, single thread; then on 1 and 2 threads), peak memory, the theory's
 * Monte-Carlo error, and the agreement of theory and simulation. Figures, not pass/fail.
 */
import { execFileSync } from 'node:child_process';
import { solveDmft } from '../src/core/dmft/solver';
import { defaultParams, type Params } from '../src/core/params';
import type { SeriesName } from '../src/core/series';
import { simulate } from '../src/core/sim/simulate';
import type { Algorithm } from '../src/core/sim/types';
import { simulationEstimate, theoryEstimate, theoryReplicas, zScore } from '../test/agreement/agreement';
import { availableKernelBackend } from '../src/core/kernels/workspace';
import { benchConfigurations, continuousSgf, horizonScaling } from './configurations';

const repeats = Number(process.env.BENCH_REPEATS ?? 5);

/** Median milliseconds of one configuration, measured in its own process. */
function measure(name: string): { medianMs: number; minMs: number; peakRssMiB: number } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/measure.ts', name, String(repeats)], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as { medianMs: number; minMs: number; peakRssMiB: number };
}

const measured = new Map<string, number>();

function timings(): void {
  console.log(`\nTimings (median of ${repeats} runs, one thread, each configuration in its own process; row kernels: ${availableKernelBackend()})`);
  console.log('configuration     median     min   target   peak RSS  description');
  for (const configuration of benchConfigurations) {
    const figure = measure(configuration.name);
    measured.set(configuration.name, figure.medianMs);
    const target = configuration.targetMs ? `≤${configuration.targetMs} ms` : '';
    console.log(
      `${configuration.name.padEnd(16)} ${figure.medianMs.toFixed(0).padStart(6)} ms ${figure.minMs.toFixed(0).padStart(6)} ms ${target.padStart(9)} ${figure.peakRssMiB.toFixed(0).padStart(6)} MiB  ${configuration.description}`,
    );
  }
}

/** Spread of independent Monte-Carlo solves at the final time, relative to the value (per cent). */
function monteCarloError(title: string, params: Params): void {
  const replicas = 32; // the standard deviation is then known to ±13%
  const names: SeriesName[] = ['trainLoss', 'trainError', 'testLoss', 'testError', 'q', 'm', 'cosine'];
  const tables = Array.from({ length: replicas }, (_, index) => solveDmft({ ...params, seed: 100 + index }).table);
  console.log(`\nMonte-Carlo error of ${title} at t = ${params.horizon} (standard deviation of ${replicas} independent solves, N = ${params.samples}, response samples ${params.responseSamples})`);
  for (const name of names) {
    const values = tables.map((table) => table[name][table[name].length - 1]);
    const mean = values.reduce((a, b) => a + b, 0) / replicas;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (replicas - 1));
    console.log(`  ${name.padEnd(10)} ${mean.toFixed(4)}  sd ${sd.toFixed(4)}  (${((100 * sd) / Math.abs(mean)).toFixed(2)}% of the value)`);
  }
}

interface AgreementCase {
  name: string;
  params: Params;
  algorithm: Algorithm;
  names: Exclude<SeriesName, 't'>[];
}

const agreementCases: AgreementCase[] = [
  { name: 'logistic SGF (§7 row 1)', params: { ...defaultParams, horizon: 6 }, algorithm: 'sgf', names: ['trainLoss', 'trainError', 'q', 'm'] },
  { name: 'logistic SGD, defaults', params: { ...defaultParams }, algorithm: 'sgd', names: ['trainLoss', 'trainError', 'q', 'm'] },
  { name: 'same, SGD theory (§9)', params: { ...defaultParams, theoryAlgorithm: 'sgd' }, algorithm: 'sgd', names: ['trainLoss', 'trainError', 'q', 'm'] },
  { name: 'epoch SGD, SGD theory (§9)', params: { ...defaultParams, theoryAlgorithm: 'sgd', sampling: 'epoch' }, algorithm: 'sgd', names: ['trainLoss', 'trainError', 'q', 'm'] },
  { name: 'logistic GD α=0.5 (§7 row 4)', params: { ...defaultParams, alpha: 0.5, batchFraction: 1, ridge: 0, horizon: 6 }, algorithm: 'gd', names: ['trainLoss', 'q', 'm'] },
  { name: 'SGD theory vs SGD, h=0.5 (§9)', params: { ...defaultParams, step: 0.5, theoryAlgorithm: 'sgd' }, algorithm: 'sgd', names: ['trainLoss', 'trainError', 'q', 'm'] },
  { name: 'SGD theory vs epoch SGD, h=0.5', params: { ...defaultParams, step: 0.5, horizon: 15, theoryAlgorithm: 'sgd', sampling: 'epoch' }, algorithm: 'sgd', names: ['trainLoss', 'trainError', 'q', 'm'] },
  { name: 'SGF theory vs SGD, h=0.5', params: { ...defaultParams, step: 0.5 }, algorithm: 'sgd', names: ['trainLoss', 'trainError', 'q', 'm'] },
  { name: 'linear SGD (§8 row 1)', params: { ...defaultParams, model: 'linear', horizon: 6 }, algorithm: 'sgd', names: ['trainLoss', 'testLoss', 'q', 'm'] },
];

/**
 * |theory − simulation| in units of the combined standard error over every row and series: the
 * simulation's from 16 seeds (so each row's error is estimated with 15 degrees of freedom), the
 * theory's from independent Monte-Carlo replicas (the same statistics as test/agreement/agreement.ts).
 */
function agreement(): void {
  const seeds = 16;
  const replicas = 16;
  console.log(
    `\nAgreement of theory and simulation (d = 1000, ${seeds} seeds; theory = mean of ${replicas} Monte-Carlo replicas; |z| = deviation in combined standard errors over all rows t > 0)`,
  );
  for (const testCase of agreementCases) {
    const params = { ...testCase.params, dim: 1000, seeds };
    const theories = theoryReplicas(params, replicas);
    const summary = simulate(params, testCase.algorithm);
    const deviations: number[] = [];
    let worst = 0;
    let where = '';
    for (const name of testCase.names) {
      for (let k = 1; k < summary.table.t.length; k++) {
        const t = summary.table.t[k];
        const theory = theoryEstimate(theories, name, t);
        const deviation = zScore(theory, simulationEstimate(summary, name, t));
        if (!Number.isFinite(deviation)) continue;
        deviations.push(deviation);
        if (deviation > worst) {
          worst = deviation;
          where = `${name} at t = ${t.toFixed(1)}`;
        }
      }
    }
    deviations.sort((a, b) => a - b);
    const median = deviations[Math.floor(deviations.length / 2)];
    console.log(`  ${testCase.name.padEnd(30)} median |z| ${median.toFixed(2)}, max |z| ${worst.toFixed(2)} (${where}) over ${deviations.length} comparisons`);
  }
}

/** Growth of the default solve with the number of steps K at fixed N (cubic growth would give 64 for K = 400 vs 100). */
function horizonGrowth(): void {
  const times = horizonScaling.map(({ name }) => measured.get(name) ?? measure(name).medianMs);
  const ratio = times[2] / times[0];
  console.log(`\nHorizon scaling of the default solve (N = ${defaultParams.samples}, T = ${defaultParams.horizon}): K = 100, 200, 400 take ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  console.log(`  time(K = 400) / time(K = 100) = ${ratio.toFixed(1)}  (target ≤ 20; K² growth is 16, K³ is 64)`);
}

/** The continuous SGF (Δt = h/10) against a finite-d SGF on the same grid. */
function continuousSgfAgreement(): void {
  const replicas = 4;
  const params: Params = { ...continuousSgf, dim: 500, seeds: 16 };
  const theories = theoryReplicas(params, replicas);
  const summary = simulate(params, 'sgf');
  console.log(
    `\nContinuous SGF (h = ${params.step}, Δt = ${params.dt}, T = ${params.horizon}, K = ${Math.round(params.horizon / params.dt!)}; theory: ${replicas} replicas at N = ${params.samples}, ${measured.get('theory-sgf-fine')?.toFixed(0) ?? '?'} ms per solve; SGF: d = ${params.dim}, ${params.seeds} seeds)`,
  );
  for (const name of ['trainLoss', 'trainError', 'q', 'm'] as const) {
    const cells = [2, 4, 6].map((t) => {
      const theory = theoryEstimate(theories, name, t);
      const simulation = simulationEstimate(summary, name, t);
      return `t=${t}: ${theory.mean.toFixed(4)} vs ${simulation.mean.toFixed(4)}±${simulation.standardError.toFixed(4)} (|z| ${zScore(theory, simulation).toFixed(2)})`;
    });
    console.log(`  ${name.padEnd(10)} ${cells.join('  ')}`);
  }
}

timings();
await (await import('./threads')).threadTimings();
await (await import('./cli')).cliTimings();
horizonGrowth();
monteCarloError('the default theory (SGF)', defaultParams);
monteCarloError('the SGD theory at the defaults (uniform batches)', { ...defaultParams, theoryAlgorithm: 'sgd' });
monteCarloError('the SGD theory at the defaults (epoch shuffling)', { ...defaultParams, theoryAlgorithm: 'sgd', sampling: 'epoch' });
agreement();
continuousSgfAgreement();
