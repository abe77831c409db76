/**
 * One step of every trajectory of the committee's sample process (theory.md §10.3–10.4 steps 3, 5, 6):
 * from r_k, r*, y and S_k = ∂r_k/∂r*, the loss ℓ, force f, Hessian H and teacher force B; the stored kick
 * u_k = f_k·kick/α (one scalar kick per trajectory shared by its p components, §10.8 item 4), the tangent
 * V_k = (kick/α)(H_k S_k + B_k), the adjoint's D_k = H_k·kick/α, and the sums behind Γ_kk and Γ*_k.
 */
import type { Committee, SampleTerms } from './committee';
import type { SampleWorkspace } from './samplePaths';

export interface StepSums {
  loss: number;
  lossSquare: number;
  /** Σ_n w H_k, p×p (w: the kick's mean Δt where it is independent of the past, else the kick). */
  curvature: Float64Array;
  /** Σ_n w (H_k S_k + B_k), p×p*. */
  teacher: Float64Array;
}

export interface SamplePassInput {
  k: number;
  size: number;
  N: number;
  responseCount: number;
  alpha: number;
  committee: Committee;
  terms: SampleTerms;
  labels: Float64Array;
  /** The factor of f in u_k = f·kick/α per trajectory: Δt + κΔW_k (SGF, GD) or h s_k/b (SGD). */
  kick: Float64Array;
  /** null: weight w = meanKick for every trajectory; else w = kick. */
  meanKick: number | null;
  ws: SampleWorkspace;
  /** Scratch: one trajectory's r (p) and r* (p*). */
  field: Float64Array;
  teacherField: Float64Array;
}

export function samplePass(input: SamplePassInput, sums: StepSums): void {
  const { k, size, N, responseCount, alpha, committee, terms, labels, kick, meanKick, ws, field, teacherField } = input;
  const { fields, teacherFields, tangent, kicks, tangents, drive, weightedCurvature } = ws.arrays;
  const p = committee.p;
  const pStar = committee.teacherUnits;
  const pp = p * p;
  const rows = size * p;
  sums.loss = 0;
  sums.lossSquare = 0;
  sums.curvature.fill(0);
  sums.teacher.fill(0);
  for (let n = 0; n < N; n++) {
    for (let a = 0; a < p; a++) field[a] = fields[a * N + n];
    for (let b = 0; b < pStar; b++) teacherField[b] = teacherFields[b * N + n];
    committee.sampleTerms(field, 0, labels[n], teacherField, 0, terms);
    const { force, hessian, teacherForce } = terms;
    sums.loss += terms.loss;
    sums.lossSquare += terms.loss * terms.loss;
    const scale = kick[n] / alpha;
    const weight = meanKick ?? kick[n];
    for (let a = 0; a < p; a++) kicks[(k * p + a) * N + n] = force[a] * scale;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < pStar; b++) {
        let sum = teacherForce[a * pStar + b];
        for (let e = 0; e < p; e++) sum += hessian[a * p + e] * tangent[(e * pStar + b) * N + n];
        sums.teacher[a * pStar + b] += weight * sum;
        tangents[(b * rows + k * p + a) * N + n] = scale * sum;
      }
    }
    for (let i = 0; i < pp; i++) sums.curvature[i] += weight * hessian[i];
    if (n < responseCount) {
      for (let i = 0; i < pp; i++) {
        drive[(k * pp + i) * responseCount + n] = hessian[i] * scale;
        weightedCurvature[i * responseCount + n] = weight * hessian[i];
      }
    }
  }
}
