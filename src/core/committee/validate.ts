/**
 * What the committee solver refuses (a guard, not the parameter table: the app's and CLI's validation is
 * params.ts's). σ₀ > 0 is required: at Θ = 0 every student unit gets the same update (theory.md §10.1).
 */
import { activationIds } from './activation';
import type { CommitteeParams } from './config';

/** Largest p and p* (the relabelling group has p!·p*! elements). */
export const maxHiddenUnits = 4;

export function committeeParamProblems(params: CommitteeParams): string[] {
  const problems: string[] = [];
  const integerIn = (value: number, low: number, high: number) => Number.isInteger(value) && value >= low && value <= high;
  if (!integerIn(params.hidden, 1, maxHiddenUnits)) problems.push(`hidden units p must be an integer in 1..${maxHiddenUnits}`);
  if (!integerIn(params.teacherHidden, 1, maxHiddenUnits)) problems.push(`teacher hidden units p* must be an integer in 1..${maxHiddenUnits}`);
  if (!activationIds.includes(params.activation)) problems.push(`activation must be one of ${activationIds.join(', ')}`);
  if (!(params.initScale > 0)) problems.push('σ₀ must be > 0 (σ₀ = 0 is a symmetric saddle)');
  if (!(params.alpha > 0)) problems.push('α must be > 0');
  if (!(params.batchFraction > 0 && params.batchFraction <= 1)) problems.push('batch fraction must be in (0, 1]');
  if (!(params.step > 0) || !(params.horizon > 0) || (params.dt !== null && !(params.dt > 0))) problems.push('step, Δt and horizon must be > 0');
  if (!(params.ridge >= 0) || !(params.labelNoise >= 0) || !Number.isFinite(params.initOverlap)) problems.push('ridge and label noise must be ≥ 0, the initial overlap finite');
  if (!Number.isInteger(params.samples) || params.samples < 2) problems.push('samples N must be an integer ≥ 2');
  if (!Number.isInteger(params.responseSamples) || params.responseSamples < 1) problems.push('response samples must be an integer ≥ 1');
  if (params.theoryAlgorithm === 'online') problems.push('the one-pass limit has no sample process: not solved by the committee DMFT');
  return problems;
}

export function checkCommitteeParams(params: CommitteeParams): void {
  const problems = committeeParamProblems(params);
  if (problems.length > 0) throw new Error(problems.join('; '));
}
