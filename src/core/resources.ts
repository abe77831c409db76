/**
 * Memory and work of a run, estimated from (N, K, d, seeds) before it starts, and the limits that keep
 * the largest allowed run from crashing a browser tab (or a laptop running the CLI).
 */
import { dmftBytes, dmftLayout } from './dmft/layout';
import { pathwiseWork } from './dmft/probedTail';
import { sampleCount, timeSteps, type Params } from './params';
import { getModel } from './models';
import { estimateCommitteeResources } from './committee/resources';

export interface ResourceEstimate {
  /** Bytes the DMFT solver allocates (trajectories, pathwise buffers, K×K matrices). */
  theoryBytes: number;
  /** Multiply-adds of the DMFT solve: O(N K²) sample process, O(N_resp K²) pathwise response (window W), O(K³) closure. */
  theoryWork: number;
  /** Bytes one simulation seed holds (the n×d design matrix dominates). */
  simulationBytes: number;
  /** Multiply-adds of all simulation seeds of one algorithm: two passes over X per step. */
  simulationWork: number;
}

export const resourceLimits = Object.freeze({
  theoryBytes: 1024 ** 3,
  theoryWork: 3e10,
  simulationBytes: 512 * 1024 ** 2,
  simulationWork: 2e11,
});

export function estimateResources(params: Params): ResourceEstimate {
  if (getModel(params.model).kind === 'committee') return committeeEstimate(params);
  // The solver's own layout (with 'auto' resolved), so the estimate is what the solve allocates.
  const layout = dmftLayout(params);
  const { steps, samples: N, responseCount, probed } = layout;
  const rows = steps + 1;
  const theoryBytes = dmftBytes(layout);
  const theoryWork = 1.5 * N * rows * rows + responseCount * pathwiseWork(rows, probed) + rows ** 3;
  const n = sampleCount(params);
  const d = params.dim;
  // X is stored in single precision, but counted at 8 bytes per entry: the budget the limits and the
  // app's worker concurrency were set and tested with (d = 5000, α = 2 in Chromium), which leaves room
  // for each worker's own heap. The vectors: the dataset's and up to four steppers' (sim/dataset.ts).
  const simulationBytes = n * d * 8 + (n + d) * 128;
  const simulationSteps = Math.max(steps, Math.round(params.horizon / params.step));
  const simulationWork = params.seeds * simulationSteps * 2 * n * d;
  return { theoryBytes, theoryWork, simulationBytes, simulationWork };
}

/** The committee machine: its block solve (committee/resources.ts), and simulations whose steps cost p times a single index's. */
function committeeEstimate(params: Params): ResourceEstimate {
  const { theoryBytes, theoryWork } = estimateCommitteeResources(params);
  const n = sampleCount(params);
  const d = params.dim;
  const p = params.hidden;
  const simulationBytes = n * d * 8 + (n + d) * (p + params.teacherHidden) * 64;
  const simulationSteps = Math.max(timeSteps(params), Math.round(params.horizon / params.step));
  return { theoryBytes, theoryWork, simulationBytes, simulationWork: params.seeds * simulationSteps * 2 * n * d * p };
}

const mebibytes = (bytes: number): string => `${Math.round(bytes / 1024 ** 2)} MiB`;

export interface ResourceProblem {
  /** The parameter most worth lowering. */
  name: keyof Params;
  message: string;
}

/** Readable refusals, each saying what to lower; empty when the run is within the limits. */
export function resourceProblems(params: Params): ResourceProblem[] {
  const estimate = estimateResources(params);
  const problems: ResourceProblem[] = [];
  if (estimate.theoryBytes > resourceLimits.theoryBytes) {
    problems.push({
      name: 'samples',
      message: `the theory would need ${mebibytes(estimate.theoryBytes)} (limit ${mebibytes(resourceLimits.theoryBytes)}): lower the theory samples N or the horizon (or raise dt)`,
    });
  }
  if (estimate.theoryWork > resourceLimits.theoryWork) {
    problems.push({
      name: 'samples',
      message: `the theory would take ~${estimate.theoryWork.toExponential(1)} operations (limit ${resourceLimits.theoryWork.toExponential(0)}): lower the theory samples N, the response samples or the horizon`,
    });
  }
  if (estimate.simulationBytes > resourceLimits.simulationBytes) {
    problems.push({
      name: 'dim',
      message: `one simulation seed would need ${mebibytes(estimate.simulationBytes)} (limit ${mebibytes(resourceLimits.simulationBytes)}): lower the dimension d or α`,
    });
  }
  if (estimate.simulationWork > resourceLimits.simulationWork) {
    problems.push({
      name: 'dim',
      message: `the simulations would take ~${estimate.simulationWork.toExponential(1)} operations (limit ${resourceLimits.simulationWork.toExponential(0)}): lower d, α, the number of seeds or the horizon`,
    });
  }
  return problems;
}
