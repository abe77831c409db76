/**
 * The sample step of the logistic loss (../../dmft/sampleStep.ts) over a block's trajectories, two at a time in
 * f64x2 lanes, with the polynomial e^x and log1p of ../../math/fastExp.ts rewritten for lanes (its
 * coefficients, operations and order). Every lane does the scalar operations of the JavaScript backend
 * (dmft/sampleStep.ts's general loop with the logistic model's lossTerms), branches as selects of operands computed
 * both ways, and every sum adds trajectory p before p + 1, so both backends give the same bits
 * (test/core/kernels/workspace.test.ts). Pointers are byte offsets into the imported memory; 0 means "absent".
 */

/** Sums written to `sums`: the 18 of StepSum (sampleStep.ts), then the 5 of TwinSum (exchange.ts), contiguous. */
const sumCount = 23;

const log2e: f64 = 1.4426950408889634;
// ln 2 in two parts (fdlibm's): k·ln2High is exact for the k here.
const ln2High: f64 = 6.93147180369123816490e-1;
const ln2Low: f64 = 1.90821492927058770002e-10;

@inline function splat(x: f64): v128 { return f64x2.splat(x); }
@inline function add(a: v128, b: v128): v128 { return f64x2.add(a, b); }
@inline function sub(a: v128, b: v128): v128 { return f64x2.sub(a, b); }
@inline function mul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
@inline function div(a: v128, b: v128): v128 { return f64x2.div(a, b); }
/** a where `mask` is set, else b (lane by lane, the scalar `mask ? a : b`). */
@inline function select(mask: v128, a: v128, b: v128): v128 { return v128.bitselect(a, b, mask); }

/** e^r for |r| ≤ ln 2/2 in each lane: fastExp.ts's expReduced, its operations in its order. */
@inline
function expReduced(r: v128): v128 {
  const r2 = mul(r, r);
  const r4 = mul(r2, r2);
  const r8 = mul(r4, r4);
  const s0 = add(add(splat(1), r), mul(add(splat(0.5), mul(splat(0.16666666666666666), r)), r2));
  const s1 = add(
    add(splat(0.041666666666666664), mul(splat(0.008333333333333333), r)),
    mul(add(splat(0.001388888888888889), mul(splat(0.0001984126984126984), r)), r2),
  );
  const s2 = add(add(splat(0.0000248015873015873), mul(splat(0.0000027557319223985893), r)), mul(splat(2.755731922398589e-7), r2));
  return add(add(s0, mul(s1, r4)), mul(s2, r8));
}

/** log(1 + e) for 0 ≤ e ≤ 1 in each lane: fastExp.ts's log1pUnit, its branch as selects. */
@inline
function log1pUnit(e: v128): v128 {
  const low = f64x2.le(e, splat(0.41421356237309515));
  // The division of either branch: e/(2 + e) or (e − 1)/(e + 3).
  const s = div(select(low, e, sub(e, splat(1))), select(low, add(splat(2), e), add(e, splat(3))));
  const t = mul(s, s);
  const t2 = mul(t, t);
  const t4 = mul(t2, t2);
  const t8 = mul(t4, t4);
  const u0 = add(add(splat(1), mul(splat(0.3333333333333333), t)), mul(add(splat(0.2), mul(splat(0.14285714285714285), t)), t2));
  const u1 = add(
    add(splat(0.1111111111111111), mul(splat(0.09090909090909091), t)),
    mul(add(splat(0.07692307692307693), mul(splat(0.06666666666666667), t)), t2),
  );
  const p = add(add(u0, mul(u1, t4)), mul(splat(0.058823529411764705), t8));
  const series = mul(add(s, s), p);
  return select(low, series, add(splat(0.6931471805599453), series));
}

/** e^x for x ≤ 0 in each lane (x below −708 is taken as −708), as math/fastExp.ts computes it. */
@inline
function expNonPositive(x: v128): v128 {
  const clamped = f64x2.max(x, splat(-708.0));
  const k = f64x2.floor(add(mul(clamped, splat(log2e)), splat(0.5)));
  // 2^k from the exponent bits k + 1023 (k = −1021..0 is exact in the truncation).
  const twoToK = i64x2.shl(i64x2.extend_low_i32x4_s(i32x4.add(i32x4.trunc_sat_f64x2_s_zero(k), i32x4.splat(1023))), 52);
  return mul(expReduced(sub(sub(clamped, mul(k, splat(ln2High))), mul(k, splat(ln2Low)))), twoToK);
}

/** Φ(x) per lane: math/fastNormalCdf.ts's, 0 or 1 beyond its cutoff |x| ≥ 6, its operations in its order. */
@inline
function normalCdf(x: v128): v128 {
  const magnitude = f64x2.abs(x);
  const positive = f64x2.gt(x, splat(0));
  const inside = f64x2.lt(magnitude, splat(6));
  const beyond = select(positive, splat(1), splat(0));
  if (!v128.any_true(inside)) return beyond;
  const z = mul(magnitude, splat(0.7071067811865476));
  const t = div(splat(1), add(splat(1), mul(splat(0.5), z)));
  const t2 = mul(t, t);
  const t4 = mul(t2, t2);
  const t8 = mul(t4, t4);
  const low = add(add(splat(1.00002368), mul(splat(0.37409196), t)), mul(add(splat(0.09678418), mul(splat(-0.18628806), t)), t2));
  const high = add(add(splat(0.27886807), mul(splat(-1.13520398), t)), mul(add(splat(1.48851587), mul(splat(-0.82215223), t)), t2));
  const p = add(add(low, mul(high, t4)), mul(splat(0.17087277), t8));
  const tail = mul(mul(splat(0.5), t), expNonPositive(add(sub(f64x2.neg(mul(z, z)), splat(1.26551223)), mul(t, p))));
  return select(inside, select(positive, sub(splat(1), tail), tail), beyond);
}

/** 1{yr < 0} per lane, ½ at yr = 0 (or NaN), as models/model.ts's misclassified. */
@inline
function misclassified(agreement: v128): v128 {
  const zero = splat(0);
  return select(f64x2.gt(agreement, zero), zero, select(f64x2.lt(agreement, zero), splat(1), splat(0.5)));
}

/** ℓ = max(−z, 0) + log(1 + e) at margin z = y·r, from e = e^{−|z|} (as logistic.lossTerms). */
@inline
function lossOf(z: v128, e: v128): v128 {
  return add(select(f64x2.lt(z, splat(0)), f64x2.neg(z), splat(0)), log1pUnit(e));
}
/** ℓ' = −y σ(−z): −y e/(1 + e) for z ≥ 0, −y/(1 + e) below, with inverse = 1/(1 + e). */
@inline
function forceOf(z: v128, y: v128, e: v128, inverse: v128): v128 {
  return mul(f64x2.neg(y), select(f64x2.ge(z, splat(0)), mul(e, inverse), inverse));
}

/** The two trajectories' lanes of a pair of sums (sums 2i and 2i + 1): lane 0 of both, then lane 1 of both. */
@inline function firstLanes(a: v128, b: v128): v128 { return v128.shuffle<f64>(a, b, 0, 2); }
@inline function secondLanes(a: v128, b: v128): v128 { return v128.shuffle<f64>(a, b, 1, 3); }
/** Adds trajectory p's values a, b (lane 0) then p + 1's (lane 1, when `pair`) to sums 2i and 2i + 1 at `sums`. */
@inline
function addPair(sums: usize, i: usize, a: v128, b: v128, pair: bool): void {
  const at = sums + (i << 4);
  const first = f64x2.add(v128.load(at), firstLanes(a, b));
  v128.store(at, pair ? f64x2.add(first, secondLanes(a, b)) : first);
}

/** Trajectories p and p + 1 (`pair`), or p alone in lane 0 (lane 1 then reads zeros and is neither stored nor summed). */
@inline
function load2(pointer: usize, pair: bool): v128 {
  return pair ? v128.load(pointer) : v128.load64_zero(pointer);
}

/**
 * Step k of every trajectory p < count for the logistic loss ℓ(r; y) = log(1 + e^{−yr}): r = ω − self-reaction,
 * f = ℓ'(r), u = f·increment into row k of `force`, ℓ''(r) and D = ℓ''·increment on the first `responseCount`, and
 * the sums (`sums`; the twin's when `twinned`). The SGF and gradient descent: increment = (Δt + noiseScale·ξ)/α,
 * `draws` holding ξ (0: none, ξ = 0). SGD (`membership` given, s ∈ {0, 1} as f64): increment = s·kickScale, and
 * with responseScale ≠ 0 (kicks that depend on the past) the weight w = s·responseScale multiplies ℓ'', the scores
 * and the curvature sum, and w·f goes to `weightedForce`. The error's control is 1{twinMargins[p] < 0} when
 * given, else 1{yω < 0}; with `innovation` (row k + 1 of z, f32) the error and its control are their conditional
 * probabilities Φ(y z_{k+1} − v/s) at s = innovationScale (dmft/sampleStep.ts's conditionalError). Row k of
 * `noise` (f32) receives ξ, or s with a membership (the error twin's kicks); `fieldForceOut`, when given, ℓ'(ω_k; y)
 * (Q's control variate, dmft/forceControl.ts).
 */
export function logisticSampleStep(
  k: i32, count: i32, responseCount: i32, dt: f64, alpha: f64, noiseScale: f64,
  labels: usize, scores: usize, field: usize, selfReaction: usize, draws: usize, twinMargins: usize,
  currentForce: usize, force: usize, noise: usize, currentCurvature: usize, drive: usize, sums: usize, twinned: i32,
  membership: usize, kickScale: f64, responseScale: f64, weightedForce: usize, innovation: usize, innovationScale: f64, fieldForceOut: usize,
): void {
  // The sums accumulate in `sums` (a register each would spill).
  memory.fill(sums, 0, sumCount << 3);
  const forceRow = force + ((<usize>k * <usize>count) << 2);
  const noiseRow = noise ? noise + ((<usize>k * <usize>count) << 2) : 0;
  const driveRow = drive + ((<usize>k * <usize>responseCount) << 3);
  let p = 0;
  for (; p + 1 < count; p += 2) {
    stepTrajectories(true, p, responseCount, dt, alpha, noiseScale, labels, scores, field, selfReaction, draws, twinMargins, currentForce, forceRow, noiseRow, currentCurvature, driveRow, sums, twinned, membership, kickScale, responseScale, weightedForce, innovation, innovationScale, fieldForceOut);
  }
  if (p < count) {
    stepTrajectories(false, p, responseCount, dt, alpha, noiseScale, labels, scores, field, selfReaction, draws, twinMargins, currentForce, forceRow, noiseRow, currentCurvature, driveRow, sums, twinned, membership, kickScale, responseScale, weightedForce, innovation, innovationScale, fieldForceOut);
  }
}

/** Trajectories p and p + 1 of logisticSampleStep (`pair`), or p alone; row pointers are row k's. */
@inline
function stepTrajectories(
  pair: bool, p: i32, responseCount: i32, dt: f64, alpha: f64, noiseScale: f64,
  labels: usize, scores: usize, field: usize, selfReaction: usize, draws: usize, twinMargins: usize,
  currentForce: usize, forceRow: usize, noiseRow: usize, currentCurvature: usize, driveRow: usize, sums: usize, twinned: i32,
  membership: usize, kickScale: f64, responseScale: f64, weightedForce: usize, innovation: usize, innovationScale: f64, fieldForceOut: usize,
): void {
  const zero = splat(0);
  const at = <usize>p << 3;
  const omega = load2(field + at, pair);
  const r = sub(omega, load2(selfReaction + at, pair));
  const y = load2(labels + at, pair);
  // ℓ, ℓ', ℓ'' at r from one exponential (as logistic.lossTerms); ℓ, ℓ' at ω for the control variates.
  const z = mul(y, r);
  const e = expNonPositive(f64x2.neg(f64x2.abs(z)));
  const inverse = div(splat(1), add(splat(1), e));
  const loss = lossOf(z, e);
  const f = forceOf(z, y, e, inverse);
  const curvature = mul(mul(e, inverse), inverse);
  const fieldZ = mul(y, omega);
  const fieldE = expNonPositive(f64x2.neg(f64x2.abs(fieldZ)));
  const fieldInverse = div(splat(1), add(splat(1), fieldE));
  const fieldLoss = lossOf(fieldZ, fieldE);
  const fieldForce = forceOf(fieldZ, y, fieldE, fieldInverse);
  const xi = draws ? load2(draws + at, pair) : zero;
  const kick = membership ? load2(membership + at, pair) : zero;
  const increment = membership ? mul(kick, splat(kickScale)) : div(add(splat(dt), mul(splat(noiseScale), xi)), splat(alpha));
  const weighted = responseScale != 0;
  const weight = mul(kick, splat(responseScale));
  // ℓ'' as the responses weigh it (w = 1 leaves it as it is, as 1·ℓ'' does in the scalar loop).
  const weightedCurvature = weighted ? mul(weight, curvature) : curvature;
  const forceWeighted = weighted ? mul(weight, f) : f;
  if (weightedForce) {
    if (pair) v128.store(weightedForce + at, forceWeighted);
    else v128.store64_lane(weightedForce + at, forceWeighted, 0);
  }
  if (fieldForceOut) {
    if (pair) v128.store(fieldForceOut + at, fieldForce);
    else v128.store64_lane(fieldForceOut + at, fieldForce, 0);
  }
  // Rows of f32: lanes demoted (the scalar rounding), stored two or one.
  const forceStep = f32x4.demote_f64x2_zero(mul(f, increment));
  const at32 = <usize>p << 2;
  if (pair) {
    if (noiseRow) v128.store64_lane(noiseRow + at32, f32x4.demote_f64x2_zero(membership ? kick : xi), 0);
    v128.store(currentForce + at, f);
    v128.store64_lane(forceRow + at32, forceStep, 0);
  } else {
    if (noiseRow) v128.store32_lane(noiseRow + at32, f32x4.demote_f64x2_zero(membership ? kick : xi), 0);
    v128.store64_lane(currentForce + at, f, 0);
    v128.store32_lane(forceRow + at32, forceStep, 0);
  }
  const drift = mul(curvature, increment);
  if (pair && p + 1 < responseCount) {
    v128.store(currentCurvature + at, weightedCurvature);
    v128.store(driveRow + at, drift);
  } else if (p < responseCount) {
    v128.store64_lane(currentCurvature + at, weightedCurvature, 0);
    v128.store64_lane(driveRow + at, drift, 0);
  }
  const margin = mul(r, y);
  const fieldMargin = twinMargins ? load2(twinMargins + at, pair) : mul(omega, y);
  let error = zero, fieldError = zero;
  if (innovation) {
    const yz = mul(y, f64x2.promote_low_f32x4(pair ? v128.load64_zero(innovation + at32) : v128.load32_zero(innovation + at32)));
    const scale = splat(innovationScale);
    error = normalCdf(sub(yz, div(margin, scale)));
    fieldError = normalCdf(sub(yz, div(fieldMargin, scale)));
  } else {
    error = misclassified(margin);
    fieldError = misclassified(fieldMargin);
  }
  let score = zero, fieldScore = zero;
  if (scores) {
    const labelScore = load2(scores + at, pair);
    score = mul(forceWeighted, labelScore);
    fieldScore = mul(weighted ? mul(weight, fieldForce) : fieldForce, labelScore);
  }
  // Absent sums add +0 to +0, as the scalar loop leaves them.
  let x = zero, pull = zero;
  if (twinned) {
    x = mul(y, omega);
    pull = mul(f64x2.neg(y), f);
  }
  addPair(sums, 0, loss, mul(loss, loss), pair);
  addPair(sums, 1, fieldLoss, mul(fieldLoss, fieldLoss), pair);
  addPair(sums, 2, mul(loss, fieldLoss), error, pair);
  addPair(sums, 3, mul(error, error), fieldError, pair);
  addPair(sums, 4, mul(fieldError, fieldError), mul(error, fieldError), pair);
  addPair(sums, 5, score, mul(score, score), pair);
  addPair(sums, 6, fieldScore, mul(fieldScore, fieldScore), pair);
  addPair(sums, 7, mul(score, fieldScore), f, pair);
  addPair(sums, 8, mul(f, f), weightedCurvature, pair);
  addPair(sums, 9, x, pull, pair);
  addPair(sums, 10, mul(x, x), mul(pull, pull), pair);
  // Sum 22, the last, alone.
  const xPull = mul(x, pull);
  const lastAt = sums + ((sumCount - 1) << 3);
  const first = load<f64>(lastAt) + f64x2.extract_lane(xPull, 0);
  store<f64>(lastAt, pair ? first + f64x2.extract_lane(xPull, 1) : first);
}
