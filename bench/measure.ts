/**
 * Runs one named benchmark configuration several times in this process and prints one JSON line:
 * median and min wall time, and the process's peak resident memory. bench/run.ts starts one process per
 * configuration so that each peak-memory figure belongs to that configuration alone.
 */
import { solveCommittee } from '../src/core/committee/solver';
import { solveDmft } from '../src/core/dmft/solver';
import { runSeed } from '../src/core/sim/simulate';
import { runCommitteeSeed } from '../src/core/committee/simulate';
import { benchConfigurations } from './configurations';

const name = process.argv[2];
const repeats = Number(process.argv[3] ?? 5);
const configuration = benchConfigurations.find((candidate) => candidate.name === name);
if (!configuration) {
  console.error(`unknown configuration ${name}`);
  process.exit(2);
}

const times: number[] = [];
for (let repeat = 0; repeat < repeats; repeat++) {
  const start = performance.now();
  if (configuration.kind === 'theory') solveDmft(configuration.params, { kernels: configuration.kernels });
  else if (configuration.kind === 'committee-simulation') runCommitteeSeed(configuration.params, configuration.algorithm, repeat);
  else if (configuration.kind === 'committee') solveCommittee(configuration.params);
  else runSeed(configuration.params, configuration.algorithm, repeat);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    name,
    medianMs: times[Math.floor(times.length / 2)],
    minMs: times[0],
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
