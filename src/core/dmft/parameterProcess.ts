/**
 * The Gaussian parameter process of theory.md §4 in closed form: Green's function G, response R,
 * overlap M and correlation C, advanced by one row from the kernels Q, Γ, Γ* of the sample process.
 */

export class ParameterProcess {
  /** Rows 0..K; all matrices (K+1)×(K+1) row-major. */
  readonly size: number;
  /** G_{kj}: response of θ_k to a unit change of θ_j (j ≤ k). */
  readonly green: Float64Array;
  /** R_{kl} = G_{k, l+1}: response of θ_k to the kick of step l (l < k). */
  readonly response: Float64Array;
  /** C_{kl} = E[θ_k θ_l], symmetric. */
  readonly correlation: Float64Array;
  /** M_k = E[θ_k θ*]. */
  readonly overlap: Float64Array;
  /** Q_{kl} = E[u_k u_l] for l ≤ k (noise covariance is α Q). */
  readonly noiseKernel: Float64Array;
  /** Γ_{kl} = E[∂u_k/∂ω_l] for l ≤ k. */
  readonly fieldResponse: Float64Array;
  /** Γ*_k = E[∂u_k/∂r*]. */
  readonly teacherResponse: Float64Array;

  private readonly alpha: number;
  private readonly decay: number;

  /** θ_0 = σ₀ g + ε θ*: M_0 = ε = initOverlap, C_00 = σ₀² + ε². */
  constructor(steps: number, alpha: number, ridge: number, dt: number, initScale: number, initOverlap = 0) {
    const size = steps + 1;
    this.size = size;
    this.alpha = alpha;
    this.decay = 1 - ridge * dt;
    this.green = new Float64Array(size * size);
    this.response = new Float64Array(size * size);
    this.correlation = new Float64Array(size * size);
    this.overlap = new Float64Array(size);
    this.noiseKernel = new Float64Array(size * size);
    this.fieldResponse = new Float64Array(size * size);
    this.teacherResponse = new Float64Array(size);
    this.green[0] = 1;
    this.correlation[0] = initScale * initScale + initOverlap * initOverlap;
    this.overlap[0] = initOverlap;
  }

  /** Computes row k + 1 of G, R, M, C from the kernels of row k (which the caller has filled). */
  advance(k: number): void {
    const n = this.size;
    const next = k + 1;
    const { green: G, correlation: C, overlap: M, noiseKernel: Q, fieldResponse: Gamma, teacherResponse: GammaStar } = this;
    const alpha = this.alpha;
    const decay = this.decay;
    const gammaRow = k * n;

    // G_{k+1, j} = (1 − λΔt) G_{kj} − α Σ_{l=j}^{k} Γ_{kl} G_{lj}
    for (let j = 0; j <= k; j++) {
      let sum = 0;
      for (let l = j; l <= k; l++) sum += Gamma[gammaRow + l] * G[l * n + j];
      G[next * n + j] = decay * G[k * n + j] - alpha * sum;
    }
    G[next * n + next] = 1;
    for (let l = 0; l < next; l++) this.response[next * n + l] = G[next * n + l + 1];

    // M_{k+1} = (1 − λΔt) M_k − α Σ_l Γ_{kl} M_l − α Γ*_k
    let overlapSum = 0;
    for (let l = 0; l <= k; l++) overlapSum += Gamma[gammaRow + l] * M[l];
    M[next] = decay * M[k] - alpha * overlapSum - alpha * GammaStar[k];

    // C_{k+1, m} = (1 − λΔt) C_{km} − α Σ_l Γ_{kl} C_{lm} − α Γ*_k M_m − A_{km},  A_{km} = −α Σ_{l<m} G_{m,l+1} Q_{kl}
    for (let m = 0; m <= k; m++) {
      let drift = 0;
      for (let l = 0; l <= k; l++) drift += Gamma[gammaRow + l] * C[l * n + m];
      let noiseCorrelation = 0;
      for (let l = 0; l < m; l++) noiseCorrelation += G[m * n + l + 1] * Q[gammaRow + l];
      const value = decay * C[k * n + m] - alpha * drift - alpha * GammaStar[k] * M[m] + alpha * noiseCorrelation;
      C[next * n + m] = value;
      C[m * n + next] = value;
    }
    // Diagonal: the same formula with m = k + 1, using the row just computed (θ_{k+1} contains ξ_k itself).
    let drift = 0;
    for (let l = 0; l <= k; l++) drift += Gamma[gammaRow + l] * C[next * n + l];
    let noiseCorrelation = 0;
    for (let l = 0; l <= k; l++) noiseCorrelation += G[next * n + l + 1] * Q[gammaRow + l];
    C[next * n + next] = decay * C[next * n + k] - alpha * drift - alpha * GammaStar[k] * M[next] + alpha * noiseCorrelation;
  }
}
