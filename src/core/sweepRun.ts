/**
 * Runs a planned sweep (sweep.ts): the DMFT at each point and, optionally, the finite-d simulation,
 * each read at the sweep's time. One point after the other; `sweepPoint` alone serves a caller that
 * runs the points elsewhere (in workers).
 */
import { solveDmft } from './dmft/solver';
import type { DmftResult } from './dmft/types';
import { simulate, simulationGrid } from './sim/simulate';
import type { Algorithm, SeName, SimulationSummary } from './sim/types';
import { observableNames, readAt, readColumnAt, readingTime, type SweepPlan, type SweepReading } from './sweep';

export interface SweepTheoryReading extends SweepReading {
  /** The solver's Monte-Carlo standard errors at the row read (it gives them for these two only). */
  trainLossSe: number;
  trainErrorSe: number;
  /** Time of the divergence, NaN if the solve did not diverge. */
  divergedAt: number;
}

export interface SweepSimulationReading extends SweepReading {
  /** Standard error over seeds of every observable at the row read. */
  standardErrors: Record<SeName, number>;
  divergedAt: number;
}

export interface SweepPoint {
  /** The swept parameter's value. */
  value: number;
  theory: SweepTheoryReading;
  simulation: SweepSimulationReading | null;
}

/** What a point's reading needs of a solve (a worker sends only this, not the two-time matrices). */
export type SweepTheoryRun = Pick<DmftResult, 'dt' | 'table' | 'trainLossSe' | 'trainErrorSe' | 'diverged'>;
/** What a point's reading needs of a simulation. */
export type SweepSimulationRun = Pick<SimulationSummary, 'algorithm' | 'table' | 'standardErrors' | 'diverged'>;

/** A point's simulation read at the sweep's time (its own grid: simulationGrid). */
export function simulationReading(plan: SweepPlan, index: number, simulation: SweepSimulationRun): SweepSimulationReading {
  const point = plan.points[index];
  const target = readingTime(plan, point);
  const { dt } = simulationGrid(point, simulation.algorithm);
  const standardErrors = Object.fromEntries(
    observableNames.map((name) => [`${name}Se`, readColumnAt(simulation.standardErrors[`${name}Se`], dt, target)]),
  ) as Record<SeName, number>;
  return { ...readAt(simulation.table, dt, target), standardErrors, divergedAt: simulation.diverged?.at ?? NaN };
}

/** One point's readings from its solve and (optionally) its simulation. */
export function sweepPoint(plan: SweepPlan, index: number, theory: SweepTheoryRun, simulation: SweepSimulationRun | null): SweepPoint {
  const target = readingTime(plan, plan.points[index]);
  const theoryReading: SweepTheoryReading = {
    ...readAt(theory.table, theory.dt, target),
    trainLossSe: readColumnAt(theory.trainLossSe, theory.dt, target),
    trainErrorSe: readColumnAt(theory.trainErrorSe, theory.dt, target),
    divergedAt: theory.diverged?.at ?? NaN,
  };
  return { value: plan.values[index], theory: theoryReading, simulation: simulation ? simulationReading(plan, index, simulation) : null };
}

export interface SweepRunOptions {
  /** Also simulate each point with this algorithm (null or absent: the theory only). */
  algorithm?: Algorithm | null;
  /** Called with each point as soon as it is computed. */
  onPoint?: (point: SweepPoint, index: number) => void;
}

/** Solves (and simulates) every point of the plan, in order. */
export function runSweep(plan: SweepPlan, options: SweepRunOptions = {}): SweepPoint[] {
  return plan.points.map((params, index) => {
    const theory = solveDmft(params);
    const simulation = options.algorithm ? simulate(params, options.algorithm) : null;
    const point = sweepPoint(plan, index, theory, simulation);
    options.onPoint?.(point, index);
    return point;
  });
}
