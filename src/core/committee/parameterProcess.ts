/**
 * The Gaussian parameter process of the committee DMFT (theory.md §10.3): one row θ ∈ R^p of Θ with its teacher
 * row θ* ∈ R^{p*}, advanced by one time row from the kernels Q, Γ, Γ* of the sample process.
 * Block storage (§10.4): a matrix with p×p blocks is ((K+1)p)² row-major, block (k, l) at rows kp…kp+p−1 and
 * columns lp…lp+p−1, entry X_kl[a, c] at (kp + a)·width + lp + c; M and Γ* are ((K+1)p) × p*.
 */
import { choleskyFactor, solveSymmetric } from './smallMatrix';

export interface ParameterProcessSetup {
  steps: number;
  p: number;
  pStar: number;
  alpha: number;
  ridge: number;
  dt: number;
  /** σ₀ of θ_0 = σ₀ g + M0 ρ⁻¹ θ*. */
  initScale: number;
  /** M(0), p×p* row-major. */
  initialOverlap: ArrayLike<number>;
  /** ρ = E θ*θ*ᵀ, p*×p* row-major, symmetric positive definite. */
  teacherCovariance: ArrayLike<number>;
}

export class CommitteeParameterProcess {
  readonly p: number;
  readonly pStar: number;
  readonly size: number;
  /** Row length (K+1)p of every block matrix. */
  readonly width: number;
  /** G_kj = ∂θ_k/∂(injection into θ_j), G_jj = I, zero for k < j. */
  readonly green: Float64Array;
  /** C_kl = E[θ_k θ_lᵀ], both halves stored. */
  readonly correlation: Float64Array;
  /** M_k = E[θ_k θ*ᵀ], p×p* per row block. */
  readonly overlap: Float64Array;
  /** Q_kl = E[u_k u_lᵀ] for l ≤ k; the noise ξ has E ξ_k ξ_lᵀ = α Q_kl. */
  readonly noiseKernel: Float64Array;
  /** Γ_kl = E[∂u_k/∂ω_l] for l ≤ k. */
  readonly fieldResponse: Float64Array;
  /** Γ*_k = E[∂u_k/∂r*], p×p* per row block. */
  readonly teacherResponse: Float64Array;
  readonly teacherCovariance: Float64Array;
  private readonly alpha: number;
  private readonly decay: number;
  private readonly scratch: Float64Array;

  constructor(setup: ParameterProcessSetup) {
    const { steps, p, pStar } = setup;
    this.p = p;
    this.pStar = pStar;
    this.size = steps + 1;
    this.width = this.size * p;
    this.alpha = setup.alpha;
    this.decay = 1 - setup.ridge * setup.dt;
    const square = this.width * this.width;
    this.green = new Float64Array(square);
    this.correlation = new Float64Array(square);
    this.noiseKernel = new Float64Array(square);
    this.fieldResponse = new Float64Array(square);
    this.overlap = new Float64Array(this.width * pStar);
    this.teacherResponse = new Float64Array(this.width * pStar);
    this.teacherCovariance = Float64Array.from(setup.teacherCovariance);
    this.scratch = new Float64Array(p * this.width);
    this.initialize(setup);
  }

  /** G_00 = I, M_0 = M0, C_00 = σ₀² I + M0 ρ⁻¹ M0ᵀ. */
  private initialize(setup: ParameterProcessSetup): void {
    const { p, pStar, width } = this;
    const M0 = setup.initialOverlap;
    const factor = choleskyFactor(this.teacherCovariance, pStar);
    for (let a = 0; a < p; a++) {
      this.green[a * width + a] = 1;
      for (let b = 0; b < pStar; b++) this.overlap[a * pStar + b] = M0[a * pStar + b];
    }
    const row = new Float64Array(pStar);
    const solved = new Float64Array(pStar);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < pStar; b++) row[b] = M0[a * pStar + b];
      solveSymmetric(factor, pStar, row, solved); // (ρ⁻¹ M0ᵀ)[·, a]
      for (let c = 0; c < p; c++) {
        let sum = a === c ? setup.initScale * setup.initScale : 0;
        for (let b = 0; b < pStar; b++) sum += M0[c * pStar + b] * solved[b];
        this.correlation[a * width + c] = sum;
      }
    }
  }

  /** Rows k + 1 of G, M and C from the kernels of row k (Γ_k·, Γ*_k, Q_k·). */
  advance(k: number): void {
    this.advanceGreen(k);
    this.advanceOverlap(k);
    this.advanceCorrelation(k);
  }

  /** G_{k+1,j} = (1 − λΔt) G_kj − α Σ_{l=j}^{k} Γ_kl G_lj, G_{k+1,k+1} = I. */
  private advanceGreen(k: number): void {
    const { p, width, green: G, fieldResponse: Gamma, alpha, decay } = this;
    const columns = (k + 1) * p;
    for (let a = 0; a < p; a++) {
      const target = ((k + 1) * p + a) * width;
      const source = (k * p + a) * width;
      for (let j = 0; j < columns; j++) G[target + j] = decay * G[source + j];
      for (let i = 0; i < columns; i++) {
        const coefficient = alpha * Gamma[source + i];
        if (coefficient === 0) continue;
        const rowOffset = i * width;
        for (let j = 0; j < columns; j++) G[target + j] -= coefficient * G[rowOffset + j];
      }
      G[target + (k + 1) * p + a] = 1;
    }
  }

  /** M_{k+1} = (1 − λΔt) M_k − α Σ_{l≤k} Γ_kl M_l − α Γ*_k ρ. */
  private advanceOverlap(k: number): void {
    const { p, pStar, width, overlap: M, fieldResponse: Gamma, teacherResponse: GammaStar, teacherCovariance: rho, alpha, decay } = this;
    const columns = (k + 1) * p;
    for (let a = 0; a < p; a++) {
      const source = (k * p + a) * width;
      for (let b = 0; b < pStar; b++) {
        let sum = decay * M[(k * p + a) * pStar + b];
        for (let i = 0; i < columns; i++) sum -= alpha * Gamma[source + i] * M[i * pStar + b];
        for (let e = 0; e < pStar; e++) sum -= alpha * GammaStar[(k * p + a) * pStar + e] * rho[e * pStar + b];
        M[((k + 1) * p + a) * pStar + b] = sum;
      }
    }
  }

  /**
   * C_{k+1,m} = (1 − λΔt) C_km − α Σ_{l≤k} Γ_kl C_lm − α Γ*_k M_mᵀ − A_km for m ≤ k + 1, with
   * A_km = −α Σ_{l<m} Q_kl G_{m,l+1}ᵀ; the diagonal block uses C_{l,k+1} = C_{k+1,l}ᵀ and is symmetrized.
   */
  private advanceCorrelation(k: number): void {
    const { p, width, correlation: C } = this;
    const next = (k + 1) * p;
    for (let m = 0; m <= k; m++) this.correlationBlock(k, m);
    for (let a = 0; a < p; a++) {
      for (let i = 0; i < next; i++) C[i * width + next + a] = C[(next + a) * width + i];
    }
    this.correlationBlock(k, k + 1);
    for (let a = 0; a < p; a++) {
      for (let c = 0; c < a; c++) {
        const mean = 0.5 * (C[(next + a) * width + next + c] + C[(next + c) * width + next + a]);
        C[(next + a) * width + next + c] = mean;
        C[(next + c) * width + next + a] = mean;
      }
    }
  }

  /** Block C_{k+1,m} by the formula of advanceCorrelation (for m = k + 1 it needs the column C_{·,k+1} filled). */
  private correlationBlock(k: number, m: number): void {
    const { p, pStar, width, correlation: C, overlap: M, green: G, noiseKernel: Q, fieldResponse: Gamma, teacherResponse: GammaStar, alpha, decay } = this;
    const columns = (k + 1) * p;
    const block = this.scratch;
    for (let a = 0; a < p; a++) {
      const source = (k * p + a) * width;
      for (let c = 0; c < p; c++) {
        const column = m * p + c;
        let sum = decay * C[source + column];
        for (let i = 0; i < columns; i++) sum -= alpha * Gamma[source + i] * C[i * width + column];
        for (let b = 0; b < pStar; b++) sum -= alpha * GammaStar[(k * p + a) * pStar + b] * M[column * pStar + b];
        // −A_km = +α Σ_{l<m} Σ_e Q_kl[a, e] G_{m,l+1}[c, e]
        for (let l = 0; l < m; l++) {
          for (let e = 0; e < p; e++) sum += alpha * Q[source + l * p + e] * G[column * width + (l + 1) * p + e];
        }
        block[a * p + c] = sum;
      }
    }
    const next = (k + 1) * p;
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) C[(next + a) * width + m * p + c] = block[a * p + c];
  }
}
