/** What the committee simulation driver steps (committee/simulate.ts); one implementation per algorithm. */
export interface CommitteeStepper {
  /** Current Θ_k, p columns of length d (unit-major), updated in place. */
  readonly weights: Float64Array;
  /**
   * Computes the fields of Θ_k and returns the train loss (1/n) Σ_i ℓ(r_i; y_i). With `prepareStep` it also
   * prepares the next increment where that shares the same pass over X (full-batch algorithms).
   */
  evaluate(prepareStep: boolean): number;
  /** Advances Θ_k → Θ_{k+1}; requires a preceding evaluate(true). */
  step(): void;
}
