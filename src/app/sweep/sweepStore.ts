/**
 * The sweep panel's state (zustand): its settings and the sweep of the current parameters. Every sweep has an
 * id; the runner tags the points it computes with it and results of another id are ignored, so a parameter
 * change or a new sweep never mixes points of two sweeps. The sweep before stays as `previous` (drawn faded
 * where the current one has no point yet, if it varies the same parameter) and is never drawn as current.
 */
import { create } from 'zustand';
import type { Params } from '../../core/params';
import { planSweep, type SweepPlan, type SweepProblem } from '../../core/sweep';
import { simulationReading, sweepPoint, type SweepPoint, type SweepSimulationReading, type SweepSimulationRun, type SweepTheoryRun } from '../../core/sweepRun';
import { defaultSweepSettings, sweepChoice, type SweepSettings } from './sweepSettings';

export interface SweepSnapshot {
  id: number;
  settings: SweepSettings;
  /** The app's parameters the sweep varies one of (null before the first plan). */
  base: Params | null;
  /** The validated points, or null when the settings do not plan (see problems). */
  plan: SweepPlan | null;
  problems: string[];
  /** Per value, the solve and simulation received so far (null: not yet). */
  theory: readonly (SweepTheoryRun | null)[];
  simulation: readonly (SweepSimulationRun | null)[];
  /** Why a job of this sweep failed (the other jobs go on). */
  failures: readonly string[];
}

export interface SweepState {
  settings: SweepSettings;
  current: SweepSnapshot;
  previous: SweepSnapshot | null;
  /** Changes the settings; a change of what is computed starts a new sweep of the same base. */
  setSettings(patch: Partial<SweepSettings>): void;
  /** Starts a new sweep of `base` (the app's parameters changed). */
  plan(base: Params): void;
  receiveTheory(id: number, index: number, run: SweepTheoryRun): void;
  receiveSimulation(id: number, index: number, run: SweepSimulationRun): void;
  fail(id: number, message: string): void;
}

function describeProblem(problem: SweepProblem, settings: SweepSettings): string {
  const { symbol } = sweepChoice(settings.key);
  const where = problem.valueIndex === null ? '' : `${symbol} = ${settings.values[problem.valueIndex]}: `;
  return `${where}${problem.message}`;
}

function snapshotOf(id: number, settings: SweepSettings, base: Params | null): SweepSnapshot {
  const planning = base ? planSweep({ ...base }, settings.key, settings.values, settings.at) : null;
  const plan = planning?.ok ? planning.plan : null;
  const problems = planning && !planning.ok ? [...new Set(planning.problems.map((problem) => describeProblem(problem, settings)))] : [];
  const count = plan?.points.length ?? 0;
  return { id, settings, base, plan, problems, theory: Array(count).fill(null), simulation: Array(count).fill(null), failures: [] };
}

/** Whether `snapshot` has every job it needs. */
export function sweepComplete(snapshot: SweepSnapshot): boolean {
  const needsSimulation = snapshot.settings.algorithm !== null;
  return snapshot.plan !== null && snapshot.theory.every((run) => run !== null) && (!needsSimulation || snapshot.simulation.every((run) => run !== null));
}

/** Whether `snapshot` has at least one point received. */
export function sweepHasPoints(snapshot: SweepSnapshot): boolean {
  return snapshot.theory.some((run) => run !== null) || snapshot.simulation.some((run) => run !== null);
}

/** The readings of every value whose theory has arrived (its simulation where that has too), in value order. */
export function sweepPoints(snapshot: SweepSnapshot): { index: number; point: SweepPoint }[] {
  const plan = snapshot.plan;
  if (!plan) return [];
  return snapshot.theory.flatMap((theory, index) => (theory ? [{ index, point: sweepPoint(plan, index, theory, snapshot.simulation[index]) }] : []));
}

/** Simulation readings of values whose simulation arrived (before or after their theory), in value order. */
export function sweepSimulationPoints(snapshot: SweepSnapshot): { index: number; value: number; reading: SweepSimulationReading }[] {
  const plan = snapshot.plan;
  if (!plan) return [];
  return snapshot.simulation.flatMap((simulation, index) => (simulation ? [{ index, value: plan.values[index], reading: simulationReading(plan, index, simulation) }] : []));
}

/** Settings whose change needs new runs (the quantity and the reading time only read the runs differently). */
function samePlanRuns(a: SweepSettings, b: SweepSettings): boolean {
  return a.key === b.key && a.algorithm === b.algorithm && a.values.length === b.values.length && a.values.every((value, i) => Object.is(value, b.values[i]));
}

export function createSweepStore(initial: SweepSettings = defaultSweepSettings) {
  return create<SweepState>()((set, get) => {
    const start = (settings: SweepSettings, base: Params | null): void => {
      const { current, previous } = get();
      set({ settings, current: snapshotOf(current.id + 1, settings, base), previous: sweepHasPoints(current) ? current : previous });
    };
    /** A job's run into its column of the current sweep (dropped when it belongs to an earlier one). */
    const receive = <C extends 'theory' | 'simulation'>(id: number, column: C, index: number, run: NonNullable<SweepSnapshot[C][number]>): void => {
      const { current } = get();
      if (id !== current.id || !current.plan) return;
      const runs = current[column].slice();
      runs[index] = run;
      set({ current: { ...current, [column]: runs } });
    };
    return {
      settings: initial,
      current: snapshotOf(1, initial, null),
      previous: null,
      setSettings(patch) {
        const { settings, current } = get();
        const next = { ...settings, ...patch };
        if (samePlanRuns(settings, next) && current.plan) {
          // Same runs, read anew: keep them (a new reading time is re-planned and re-checked against every horizon).
          const replanned = snapshotOf(current.id, next, current.base);
          if (replanned.plan) {
            set({ settings: next, current: { ...replanned, theory: current.theory, simulation: current.simulation, failures: current.failures } });
            return;
          }
        }
        start(next, current.base);
      },
      plan(base) {
        start(get().settings, base);
      },
      receiveTheory(id, index, run) {
        receive(id, 'theory', index, run);
      },
      receiveSimulation(id, index, run) {
        receive(id, 'simulation', index, run);
      },
      fail(id, message) {
        const { current } = get();
        if (id !== current.id) return;
        set({ current: { ...current, failures: [...current.failures, message] } });
      },
    };
  });
}

export type SweepStore = ReturnType<typeof createSweepStore>;

/** The app's sweep store. */
export const useSweepStore: SweepStore = createSweepStore();
