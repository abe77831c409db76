/**
 * Memory and work of a committee DMFT solve, before it starts (for the resource limits of resources.ts, which
 * count the scalar solver's): the p- and p*-dependent costs of theory.md §10.7.
 */
import type { CommitteeParams } from './config';
import { sampleLayout } from './samplePaths';
import { committeeGrid } from './solver';

const bytesPerElement = { float32: 4, float64: 8, int32: 4 } as const;

export interface CommitteeResourceEstimate {
  /** Bytes: the sample workspace (z, u, tangents V in single precision; adjoint buffers), the block matrices, the Cholesky factor. */
  theoryBytes: number;
  /** Multiply-adds: fields, Gram Q and tangents ~N K² p²(3 + p*)/2, adjoint ~N_resp K³ p³/6, Cholesky and closure ~K³p³. */
  theoryWork: number;
}

export function estimateCommitteeResources(params: CommitteeParams): CommitteeResourceEstimate {
  const { steps } = committeeGrid(params);
  const { hidden: p, teacherHidden: pStar } = params;
  const size = steps + 1;
  const N = params.samples;
  const responseCount = Math.min(params.responseSamples, N);
  const layout = Object.values(sampleLayout(N, p, pStar, size, responseCount));
  const workspaceBytes = layout.reduce((total, spec) => total + spec.length * bytesPerElement[spec.kind], 0);
  const width = size * p;
  const scalars = pStar + width;
  // G, C, Q, Γ (width²), M and Γ* (width·p*), the Cholesky factor (scalars²), labels and kicks (2N).
  const matrixBytes = 8 * (4 * width * width + 2 * width * pStar + scalars * scalars + 2 * N);
  const sampleWork = (N * size * size * p * p * (3 + pStar)) / 2;
  const adjointWork = (responseCount * size ** 3 * p ** 3) / 6;
  const closureWork = 2 * width ** 3;
  return { theoryBytes: workspaceBytes + matrixBytes, theoryWork: sampleWork + adjointWork + closureWork };
}
