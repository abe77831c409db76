/**
 * The N trajectories of the committee's sample process (theory.md §10.3–10.4), stored step-major so that the
 * O(N K² p²) sums run as the row kernels the scalar solver uses (src/core/kernels: WebAssembly SIMD or JS):
 * latent z rows (one per scalar of the Gaussian vector), the kicks u_l^c (row l·p + c) and the teacher tangents
 * V_l[c, b] (array b, row l·p + c). Single precision for the stored rows (they only enter sums accumulated in
 * double precision, as in the scalar solver); Q is the Gram matrix of exactly these stored u's, hence PSD.
 */
import { createWorkspace, float32, float64, type KernelBackend, type Workspace } from '../kernels/workspace';
import { pathwiseLayout } from './pathwiseAdjoint';

export function sampleLayout(N: number, p: number, pStar: number, size: number, responseCount: number) {
  const rows = size * p;
  return {
    ...pathwiseLayout(p, size, responseCount),
    latent: float32((pStar + rows) * N),
    kicks: float32(rows * N),
    tangents: float32(pStar * rows * N),
    teacherFields: float64(pStar * N), // r*^b, row b
    fields: float64(p * N), // r_k^a, row a
    tangent: float64(p * pStar * N), // S_k[a, b], row a·p* + b
    kickRow: float64(N), // u_k^a as stored, for the Gram products
    coefficients: float64(pStar + rows),
    crossMoments: float64(rows),
  };
}

export type SampleWorkspace = Workspace<ReturnType<typeof sampleLayout>>;

export function createSampleWorkspace(N: number, p: number, pStar: number, size: number, responseCount: number, backend: KernelBackend | 'auto' | undefined): SampleWorkspace {
  return createWorkspace(sampleLayout(N, p, pStar, size, responseCount), { backend });
}

/** Row i of the latent z: N fresh standard normals. */
export function drawLatentRow(latent: Float32Array, i: number, N: number, normal: () => number): void {
  const offset = i * N;
  for (let n = 0; n < N; n++) latent[offset + n] = normal();
}

/**
 * r_k^a = Σ_j L_{ij} z_j − Σ_{l<k} Σ_c G_{k,l+1}[a, c] u_l^c and S_k[a, b] = −Σ_{l<k} Σ_c G_{k,l+1}[a, c] V_l[c, b]
 * for every trajectory; `factor` is the Cholesky factor (row length `factorWidth`), scalar i = p* + kp + a.
 */
export function advanceFields(k: number, p: number, pStar: number, N: number, factor: Float64Array, factorWidth: number, G: Float64Array, width: number, ws: SampleWorkspace): void {
  const { latent, kicks, tangents, fields, tangent, coefficients } = ws.arrays;
  const rows = width; // (K + 1)p rows per stored array
  for (let a = 0; a < p; a++) {
    const scalar = pStar + k * p + a;
    coefficients.set(factor.subarray(scalar * factorWidth, scalar * factorWidth + scalar + 1));
    const field = fields.subarray(a * N, (a + 1) * N);
    ws.combineRows(field, latent, N, coefficients, scalar + 1);
    const greenRow = (k * p + a) * width;
    for (let i = 0; i < k * p; i++) coefficients[i] = -G[greenRow + p + i]; // −G_{k,l+1}[a, c] at i = l·p + c
    ws.combineRows(field, kicks, N, coefficients, k * p, true);
    for (let b = 0; b < pStar; b++) {
      const tangentOfB = tangents.subarray(b * rows * N, (b + 1) * rows * N);
      ws.combineRows(tangent.subarray((a * pStar + b) * N, (a * pStar + b + 1) * N), tangentOfB, N, coefficients, k * p);
    }
  }
}

/** r*^b = Σ_j L_{bj} z_j (ρ = L Lᵀ) for every trajectory. */
export function teacherFieldsFromLatent(pStar: number, N: number, factor: Float64Array, factorWidth: number, ws: SampleWorkspace): void {
  const { latent, teacherFields, coefficients } = ws.arrays;
  for (let b = 0; b < pStar; b++) {
    coefficients.set(factor.subarray(b * factorWidth, b * factorWidth + b + 1));
    ws.combineRows(teacherFields.subarray(b * N, (b + 1) * N), latent, N, coefficients, b + 1);
  }
}

/** Q_kl[a, c] = (1/N) Σ_n u_k^a u_l^c for l ≤ k, into row block k of Q (row length `width`). */
export function gramRow(k: number, p: number, N: number, Q: Float64Array, width: number, ws: SampleWorkspace): void {
  const { kicks, kickRow, crossMoments } = ws.arrays;
  const count = (k + 1) * p;
  for (let a = 0; a < p; a++) {
    const offset = (k * p + a) * N;
    for (let n = 0; n < N; n++) kickRow[n] = kicks[offset + n];
    ws.dotRows(crossMoments, kicks, N, kickRow, count);
    for (let i = 0; i < count; i++) Q[(k * p + a) * width + i] = crossMoments[i] / N;
  }
}
