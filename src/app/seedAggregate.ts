/**
 * The streamed rows of one simulated algorithm, seed by seed, and their mean ± standard error over the seeds
 * (src/core/sim/seedStatistics.ts: the same numbers as `cli simulate` and the exports).
 */
import { summarizeSeeds, valueNames, type SeedColumns, type SeedSummary } from '../core/sim/seedStatistics';
import type { Divergence } from '../core/series';
import { columnCount, packedRowCount } from '../pipeline/protocol';

export { valueNames, type ValueName } from '../core/sim/seedStatistics';

/** Growable columns of one seed. */
class SeedTable implements SeedColumns {
  t: number[] = [];
  values = Object.fromEntries(valueNames.map((name) => [name, [] as number[]])) as SeedColumns['values'] & Record<string, number[]>;
  diverged: Divergence | null = null;

  get length(): number {
    return this.t.length;
  }
}

export class SeedAggregate {
  private readonly seeds: (SeedTable | null)[] = [];

  /** Adds a packed batch of seed `seedIndex`'s rows, the first of which has index `firstIndex` in its stream. */
  add(seedIndex: number, firstIndex: number, rows: Float64Array): void {
    while (this.seeds.length <= seedIndex) this.seeds.push(null);
    const seed = (this.seeds[seedIndex] ??= new SeedTable());
    const rowCount = packedRowCount(rows);
    for (let r = 0; r < rowCount; r++) {
      const base = r * columnCount;
      seed.t[firstIndex + r] = rows[base]; // column 0 is t
      valueNames.forEach((name, v) => {
        (seed.values[name] as number[])[firstIndex + r] = rows[base + v + 1];
      });
    }
  }

  /** Records where seed `seedIndex` diverged. */
  end(seedIndex: number, diverged: Divergence | null): void {
    while (this.seeds.length <= seedIndex) this.seeds.push(null);
    (this.seeds[seedIndex] ??= new SeedTable()).diverged = diverged;
  }

  /** Mean and standard error of the rows so far, truncated at the earliest divergence. */
  view(): SeedSummary {
    return summarizeSeeds(this.seeds);
  }
}
