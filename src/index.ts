/**
 * The library of the `sgf-dmft` package (`import { solveDmft } from 'sgf-dmft'`): the pure solvers of
 * src/core and their parameter contract. The CLI (src/cli/main.ts) is the package's `sgf-dmft` bin.
 */
export { defaultParams, ranges, validateParams, gridStep, timeSteps, noiseStrength, maxTimeSteps } from './core/params';
export type { Params, ModelId, ResponseEstimator, BatchSampling, NumericRange, Problem, Validation } from './core/params';
export { paramTable, paramRows } from './core/paramTable';
export type { ParamRow, AppliesTo, Computation, UiPlace } from './core/paramTable';
export { getModel, modelIds, registerModel } from './core/models';
export type { Model, ModelKind } from './core/models';
export { solveDmft, dmftRows, resolveEstimator } from './core/dmft/solver';
export type { DmftOptions, DmftResult, ResolvedEstimator } from './core/dmft/types';
export { simulate, runSeed, seedRows, summarizeRuns } from './core/sim/simulate';
export type { SimulateOptions } from './core/sim/simulate';
export { algorithms } from './core/sim/types';
export type { Algorithm, SeName, SeedRun, SeedRunOptions, SimulationSummary } from './core/sim/types';
export { solveLinearExact, linearExactProblems } from './core/theory/linearExact';
export type { LinearExactOptions, LinearExactResult } from './core/theory/linearExact';
export { seriesNames } from './core/series';
export type { SeriesName, SeriesTable, ObservableRow, IndexedRow, Divergence } from './core/series';
export { formatReport, formatJson, formatCsv, reportFromDmft, reportFromSimulation, reportFromLinearExact, outputFormats } from './core/report';
export type { ResultReport, OutputFormat } from './core/report';
export { availableKernelBackend } from './core/kernels/workspace';
export type { KernelBackend } from './core/kernels/workspace';
export { planSweep, readAt, sweepKeys, maxSweepValues } from './core/sweep';
export type { SweepKey, SweepPlan, SweepPlanning, SweepProblem, SweepReading } from './core/sweep';
export { runSweep, sweepPoint } from './core/sweepRun';
export type { SweepPoint, SweepRunOptions, SweepTheoryReading, SweepSimulationReading } from './core/sweepRun';
export { formatSweep, formatSweepJson, formatSweepCsv, sweepColumns } from './core/sweepReport';
export type { SweepReport } from './core/sweepReport';
