/**
 * The parameter-side unit test of theory.md §10.6 "Notes": with random, deliberately non-symmetric blocks Γ_kl,
 * Γ*_k, a PSD Q = UᵀU with non-symmetric off-diagonal blocks, random SPD ρ and M0 (p = 2, p* = 3, K = 12),
 * the recursions of §10.3 against a direct simulation of the linear process
 * θ_{k+1} = (1 − λΔt)θ_k − α Σ_{l≤k} Γ_kl θ_l − α Γ*_k θ* − ξ_k, E ξ_k ξ_lᵀ = α Q_kl, θ_0 = σ₀ g + M0 ρ⁻¹ θ*.
 */
import { describe, expect, it } from 'vitest';
import { CommitteeParameterProcess } from '../../../src/core/committee/parameterProcess';
import { choleskyFactor, solveSymmetric } from '../../../src/core/committee/smallMatrix';
import { normalCdf } from '../../../src/core/math/gaussian';
import { createRandom } from '../../../src/core/random';

const p = 2;
const pStar = 3;
const steps = 12;
const size = steps + 1;
const width = size * p;
const alpha = 1.5;
const ridge = 0.1;
const dt = 0.2;
const initScale = 0.7;
/** Simulated paths, as in the spec (a few seconds). */
const paths = 400_000;

interface Setup {
  Gamma: Float64Array;
  GammaStar: Float64Array;
  /** The whole noise kernel, (K+1)p square, symmetric PSD. */
  Q: Float64Array;
  rho: Float64Array;
  M0: Float64Array;
}

function randomSetup(): Setup {
  const random = createRandom(5, 77);
  const Gamma = new Float64Array(width * width);
  for (let k = 0; k < size; k++) for (let l = 0; l <= k; l++) for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) Gamma[(k * p + a) * width + l * p + c] = 0.06 * random.normal();
  const GammaStar = new Float64Array(width * pStar).map(() => 0.1 * random.normal());
  const U = new Float64Array(width * width).map(() => 0.05 * random.normal());
  const Q = new Float64Array(width * width);
  for (let i = 0; i < width; i++) for (let j = 0; j < width; j++) for (let e = 0; e < width; e++) Q[i * width + j] += U[e * width + i] * U[e * width + j];
  const A = new Float64Array(pStar * pStar).map(() => random.normal());
  const rho = new Float64Array(pStar * pStar);
  for (let i = 0; i < pStar; i++) for (let j = 0; j < pStar; j++) {
    for (let e = 0; e < pStar; e++) rho[i * pStar + j] += 0.3 * A[i * pStar + e] * A[j * pStar + e];
    if (i === j) rho[i * pStar + j] += 0.5;
  }
  const M0 = new Float64Array(p * pStar).map(() => 0.3 * random.normal());
  return { Gamma, GammaStar, Q, rho, M0 };
}

/** The recursions of §10.3, fed with the setup (transposeQ: Q_kl replaced by Q_klᵀ inside A_km, the wrong order). */
function recursions(setup: Setup, transposeQ = false): CommitteeParameterProcess {
  const process = new CommitteeParameterProcess({ steps, p, pStar, alpha, ridge, dt, initScale, initialOverlap: setup.M0, teacherCovariance: setup.rho });
  process.fieldResponse.set(setup.Gamma);
  process.teacherResponse.set(setup.GammaStar);
  for (let k = 0; k < size; k++) for (let l = 0; l <= k; l++) for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) {
    process.noiseKernel[(k * p + a) * width + l * p + c] = transposeQ ? setup.Q[(k * p + c) * width + l * p + a] : setup.Q[(k * p + a) * width + l * p + c];
  }
  for (let k = 0; k < steps; k++) process.advance(k);
  return process;
}

interface Moments {
  mean: Float64Array;
  standardError: Float64Array;
}

/** E[θ_k^a θ_m^c] ((K+1)p square) and E[θ_k^a θ*^b] by direct simulation, with standard errors. */
function simulate(setup: Setup): { C: Moments; M: Moments } {
  const random = createRandom(9, 78);
  const noiseFactor = choleskyFactor(setup.Q.map((x) => alpha * x), width);
  const teacherFactor = choleskyFactor(setup.rho, pStar);
  const decay = 1 - ridge * dt;
  const sums = { C: new Float64Array(width * width), C2: new Float64Array(width * width), M: new Float64Array(width * pStar), M2: new Float64Array(width * pStar) };
  const theta = new Float64Array(width);
  const teacher = new Float64Array(pStar);
  const z = new Float64Array(width);
  const xi = new Float64Array(width);
  const solved = new Float64Array(pStar);
  for (let path = 0; path < paths; path++) {
    for (let b = 0; b < pStar; b++) z[b] = random.normal();
    for (let b = 0; b < pStar; b++) { teacher[b] = 0; for (let e = 0; e <= b; e++) teacher[b] += teacherFactor[b * pStar + e] * z[e]; }
    for (let i = 0; i < width; i++) z[i] = random.normal();
    for (let i = 0; i < width; i++) { xi[i] = 0; for (let e = 0; e <= i; e++) xi[i] += noiseFactor[i * width + e] * z[e]; }
    const rhoInverseTeacher = solved;
    solveSymmetric(teacherFactor, pStar, teacher, rhoInverseTeacher);
    for (let a = 0; a < p; a++) { theta[a] = initScale * random.normal(); for (let b = 0; b < pStar; b++) theta[a] += setup.M0[a * pStar + b] * rhoInverseTeacher[b]; }
    for (let k = 0; k < steps; k++) {
      for (let a = 0; a < p; a++) {
        let next = decay * theta[k * p + a] - xi[k * p + a];
        for (let i = 0; i < (k + 1) * p; i++) next -= alpha * setup.Gamma[(k * p + a) * width + i] * theta[i];
        for (let b = 0; b < pStar; b++) next -= alpha * setup.GammaStar[(k * p + a) * pStar + b] * teacher[b];
        theta[(k + 1) * p + a] = next;
      }
    }
    for (let i = 0; i < width; i++) {
      for (let j = 0; j <= i; j++) { const x = theta[i] * theta[j]; sums.C[i * width + j] += x; sums.C2[i * width + j] += x * x; }
      for (let b = 0; b < pStar; b++) { const x = theta[i] * teacher[b]; sums.M[i * pStar + b] += x; sums.M2[i * pStar + b] += x * x; }
    }
  }
  const moments = (sum: Float64Array, squares: Float64Array): Moments => {
    const mean = sum.map((x) => x / paths);
    return { mean, standardError: squares.map((x, i) => Math.sqrt(Math.max(0, x / paths - mean[i] ** 2) / paths)) };
  };
  return { C: moments(sums.C, sums.C2), M: moments(sums.M, sums.M2) };
}

/** Largest |recursion − simulation| / s.e. over the lower triangle of C and all of M. */
function largestDeviation(process: CommitteeParameterProcess, simulated: { C: Moments; M: Moments }): number {
  let worst = 0;
  for (let i = 0; i < width; i++) {
    for (let j = 0; j <= i; j++) worst = Math.max(worst, Math.abs(process.correlation[i * width + j] - simulated.C.mean[i * width + j]) / simulated.C.standardError[i * width + j]);
    for (let b = 0; b < pStar; b++) worst = Math.max(worst, Math.abs(process.overlap[i * pStar + b] - simulated.M.mean[i * pStar + b]) / simulated.M.standardError[i * pStar + b]);
  }
  return worst;
}

/** Two-sided z beyond which one of `count` Gaussian deviations falls with probability ≤ `familyWise` (Bonferroni). */
function bonferroniLimit(count: number, familyWise: number): number {
  let low = 0;
  let high = 10;
  for (let i = 0; i < 60; i++) {
    const z = 0.5 * (low + high);
    if (2 * count * (1 - normalCdf(z)) > familyWise) low = z;
    else high = z;
  }
  return high;
}

describe('committee parameter process (theory.md §10.3)', () => {
  const setup = randomSetup();

  it('G is the response of the linear process to unit injections', () => {
    const process = recursions(setup);
    const decay = 1 - ridge * dt;
    let worst = 0;
    for (let j = 0; j < size; j++) {
      for (let c = 0; c < p; c++) {
        const x = new Float64Array(width);
        x[j * p + c] = 1;
        for (let k = j; k < steps; k++) {
          for (let a = 0; a < p; a++) {
            let next = decay * x[k * p + a];
            for (let i = j * p; i < (k + 1) * p; i++) next -= alpha * setup.Gamma[(k * p + a) * width + i] * x[i];
            x[(k + 1) * p + a] = next;
          }
        }
        for (let i = 0; i < width; i++) worst = Math.max(worst, Math.abs(process.green[i * width + j * p + c] - x[i]));
      }
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('C and M agree with a direct simulation of the linear process, and Q in the wrong order does not', () => {
    const simulated = simulate(setup);
    const entries = (width * (width + 1)) / 2 + width * pStar;
    const zLimit = bonferroniLimit(entries, 1e-3);
    const right = largestDeviation(recursions(setup), simulated);
    const transposed = largestDeviation(recursions(setup, true), simulated);
    console.log(`parameter process: max |z| ${right.toFixed(2)} over ${entries} entries (limit ${zLimit.toFixed(2)}); with Q_klᵀ inside A_km ${transposed.toFixed(1)}`);
    expect(right).toBeLessThan(zLimit);
    expect(transposed).toBeGreaterThan(zLimit);
  });
});
