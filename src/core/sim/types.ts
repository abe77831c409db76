/** Contract of the finite-d simulations (theory.md §1). */
import type { Params } from '../params';
import type { Divergence, RowStreamOptions, SeriesName, SeriesTable } from '../series';

export type Algorithm = 'sgf' | 'sgd' | 'gd' | 'online';
export const algorithms: readonly Algorithm[] = ['sgf', 'sgd', 'gd', 'online'];

export type SeedRunOptions = RowStreamOptions;

/** One simulation seed: one dataset, one trajectory. */
export interface SeedRun {
  algorithm: Algorithm;
  /** Seed index 0..seeds−1 (the dataset and the noise are derived from params.seed and this index). */
  seedIndex: number;
  table: SeriesTable;
  diverged: Divergence | null;
}

/** Standard-error column names: `<name>Se`. */
export type SeName = `${Exclude<SeriesName, 't'>}Se`;

/** Mean over seeds with the standard error of the mean, on the common time grid. */
export interface SimulationSummary {
  algorithm: Algorithm;
  params: Params;
  table: SeriesTable;
  standardErrors: Record<SeName, number[]>;
  /** Number of seeds that contributed (all seeds, truncated to the shortest valid prefix). */
  seeds: number;
  /** Earliest divergence among the seeds, if any. */
  diverged: Divergence | null;
}
