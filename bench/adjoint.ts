/**
 * `npx tsx bench/adjoint.ts [repeats]`: the pathwise adjoint kernel alone (RowKernels.adjointSweep) on each backend,
 * over the sweeps of a default solve (k = 1..K, whole history, N_resp trajectories), with random drive and
 * response. Before each sweep a 4 MiB array is read, as the solve's other arrays pass through the cache between them.
 */
import { createWorkspace, float32, float64, type KernelBackend } from '../src/core/kernels/workspace';
import { defaultParams, timeSteps } from '../src/core/params';
import { createRandom } from '../src/core/random';

const repeats = Number(process.argv[2] ?? 9);
const size = timeSteps(defaultParams) + 1;
const width = defaultParams.responseSamples;

function sweepTimes(backend: KernelBackend): number[] {
  const workspace = createWorkspace({ sensitivity: float32(size * width), drive: float64(size * width), response: float32(size * size), other: float64(1 << 19) }, { backend });
  const { sensitivity, drive, response, other } = workspace.arrays;
  const random = createRandom(1, 9);
  for (let i = 0; i < drive.length; i++) drive[i] = 0.05 * random.normal(); // D_m ~ ℓ''·Δt/α
  for (let i = 0; i < response.length; i++) response[i] = random.normal();
  let untouched = 0;
  const run = (): number => {
    let total = 0;
    for (let k = 1; k < size; k++) {
      for (let i = 0; i < other.length; i += 8) untouched += other[i];
      const start = performance.now();
      workspace.adjointSweep(sensitivity, drive, response, size, width, k, 0);
      total += performance.now() - start;
    }
    return total;
  };
  run(); // compiled and warm
  const times = Array.from({ length: repeats }, run).sort((a, b) => a - b);
  if (Number.isNaN(untouched)) console.log('');
  return times;
}

const multiplyAdds = (width * (size - 1) * size * (size + 1)) / 6; // Σ_k Σ_{m<k} (k − m) over k = 1..K
console.log(`Adjoint sweeps of a default solve (K = ${size - 1}, ${width} trajectories, ${(multiplyAdds / 1e6).toFixed(0)}·10⁶ multiply-adds), ${repeats} runs`);
for (const backend of ['wasm', 'js'] as const) {
  const times = sweepTimes(backend);
  const median = times[Math.floor(repeats / 2)];
  console.log(`  ${backend.padEnd(4)} median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms (${(multiplyAdds / times[0] / 1e6).toFixed(1)}·10⁹ multiply-adds/s at the min)`);
}
