/**
 * The committee machine (theory.md §10.1): ŷ(r) = c Σ_a g(r^a) with a fixed second layer, square loss,
 * teacher y = c* Σ_b g(r*^b) + σ_ε ε, c = 1/√p and c* = 1/√p*. The teacher's first layer is orthonormal
 * (ρ = Θ*ᵀΘ* / d = I). Fields are p-vectors (student) and p*-vectors (teacher), stored contiguously.
 */
import type { Random } from '../random';
import { activations, type Activation, type ActivationId } from './activation';

export interface CommitteeShape {
  /** Student hidden units p (1–4). */
  hidden: number;
  /** Teacher hidden units p* (1–4). */
  teacherHidden: number;
  activation: ActivationId;
  /** Label noise σ_ε of the teacher. */
  labelNoise: number;
}

/** Per-sample terms of the loss at (r; y), written in place (theory.md §10.1). */
export interface SampleTerms {
  /** ℓ = (ŷ − y)²/2. */
  loss: number;
  /** f = ∇_r ℓ = c (ŷ − y) g'(r), length p. */
  force: Float64Array;
  /** H = ∇²_r ℓ = c² g'(r) g'(r)ᵀ + c (ŷ − y) diag g''(r), p×p row-major. */
  hessian: Float64Array;
  /** B = ∂f/∂r* at fixed r (through y) = −c c* g'(r) g'(r*)ᵀ, p×p* row-major. */
  teacherForce: Float64Array;
}

export class Committee {
  readonly p: number;
  readonly teacherUnits: number;
  /** Second-layer weights c = 1/√p and c* = 1/√p*. */
  readonly studentWeight: number;
  readonly teacherWeight: number;
  readonly activation: Activation;
  readonly labelNoise: number;
  private readonly slopes: Float64Array;

  /** `activation` replaces the one shape.activation names (e.g. the identity, for checks against the linear model). */
  constructor(shape: CommitteeShape, activation: Activation = activations[shape.activation]) {
    this.p = shape.hidden;
    this.teacherUnits = shape.teacherHidden;
    this.studentWeight = 1 / Math.sqrt(shape.hidden);
    this.teacherWeight = 1 / Math.sqrt(shape.teacherHidden);
    this.activation = activation;
    this.labelNoise = shape.labelNoise;
    this.slopes = new Float64Array(shape.hidden);
  }

  /** ŷ = c Σ_a g(r^a) for the student field r = fields[offset … offset + p − 1]. */
  prediction(fields: ArrayLike<number>, offset = 0): number {
    let sum = 0;
    for (let a = 0; a < this.p; a++) sum += this.activation.value(fields[offset + a]);
    return this.studentWeight * sum;
  }

  /** The noiseless teacher output c* Σ_b g(r*^b). */
  teacherOutput(teacherFields: ArrayLike<number>, offset = 0): number {
    let sum = 0;
    for (let b = 0; b < this.teacherUnits; b++) sum += this.activation.value(teacherFields[offset + b]);
    return this.teacherWeight * sum;
  }

  /** A label y = c* Σ_b g(r*^b) + σ_ε ε. */
  sampleLabel(teacherFields: ArrayLike<number>, offset: number, random: Random): number {
    return this.teacherOutput(teacherFields, offset) + this.labelNoise * random.normal();
  }

  createTerms(): SampleTerms {
    return {
      loss: 0,
      force: new Float64Array(this.p),
      hessian: new Float64Array(this.p * this.p),
      teacherForce: new Float64Array(this.p * this.teacherUnits),
    };
  }

  /** ℓ, f, H and B at the student field r (at rOffset), label y and teacher field r* (at tOffset), into `out`. */
  sampleTerms(r: ArrayLike<number>, rOffset: number, y: number, teacherFields: ArrayLike<number>, tOffset: number, out: SampleTerms): void {
    const { p, teacherUnits, studentWeight: c, teacherWeight: cStar, activation, slopes } = this;
    const residual = this.prediction(r, rOffset) - y;
    out.loss = 0.5 * residual * residual;
    for (let a = 0; a < p; a++) {
      const x = r[rOffset + a];
      slopes[a] = activation.slope(x);
      out.force[a] = c * residual * slopes[a];
    }
    for (let a = 0; a < p; a++) {
      for (let e = 0; e < p; e++) out.hessian[a * p + e] = c * c * slopes[a] * slopes[e];
      out.hessian[a * p + a] += c * residual * activation.curvature(r[rOffset + a]);
    }
    for (let b = 0; b < teacherUnits; b++) {
      const teacherSlope = activation.slope(teacherFields[tOffset + b]);
      for (let a = 0; a < p; a++) out.teacherForce[a * teacherUnits + b] = -c * cStar * slopes[a] * teacherSlope;
    }
  }

  /**
   * Test loss E ℓ(ω; y) with (ω, r*) ~ N(0, [[q, M], [Mᵀ, I]]) (theory.md §10.2): q is p×p, M is p×p*, row-major.
   * ½[c² Σ I(q_aa'; q_aa, q_a'a') − 2cc* Σ I(M_ab; q_aa, 1) + c*² Σ I(δ_bb'; 1, 1)] + σ_ε²/2, I the pair moment.
   */
  testLoss(q: ArrayLike<number>, M: ArrayLike<number>): number {
    const { p, teacherUnits: pStar, studentWeight: c, teacherWeight: cStar, activation } = this;
    let studentStudent = 0;
    for (let a = 0; a < p; a++) {
      for (let e = 0; e < p; e++) studentStudent += activation.pairMoment(q[a * p + e], q[a * p + a], q[e * p + e]);
    }
    let studentTeacher = 0;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < pStar; b++) studentTeacher += activation.pairMoment(M[a * pStar + b], q[a * p + a], 1);
    }
    const teacherTeacher = pStar * activation.pairMoment(1, 1, 1) + pStar * (pStar - 1) * activation.pairMoment(0, 1, 1);
    const noiseless = c * c * studentStudent - 2 * c * cStar * studentTeacher + cStar * cStar * teacherTeacher;
    return 0.5 * noiseless + 0.5 * this.labelNoise * this.labelNoise;
  }
}
