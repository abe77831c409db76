/** Dense n×n helpers for the small (p*×p*) matrices of the committee DMFT, row-major. */

/** Lower Cholesky factor L (L Lᵀ = A) of a symmetric positive-definite A; throws if A is not. */
export function choleskyFactor(A: ArrayLike<number>, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * n + j];
      for (let e = 0; e < j; e++) sum -= L[i * n + e] * L[j * n + e];
      if (i === j) {
        if (!(sum > 0)) throw new Error('matrix is not positive definite');
        L[i * n + i] = Math.sqrt(sum);
      } else L[i * n + j] = sum / L[j * n + j];
    }
  }
  return L;
}

/** x = A⁻¹ b from the Cholesky factor L of A. */
export function solveSymmetric(L: Float64Array, n: number, b: ArrayLike<number>, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let e = 0; e < i; e++) sum -= L[i * n + e] * x[e];
    x[i] = sum / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i];
    for (let e = i + 1; e < n; e++) sum -= L[e * n + i] * x[e];
    x[i] = sum / L[i * n + i];
  }
}

/** The identity matrix, n×n. */
export function identity(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}
