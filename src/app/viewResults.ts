/**
 * The results of one run for a matrix or histogram view (two-time, committee, distribution), as they arrive: each
 * theory's as it was sent, each simulated algorithm's as the seed mean ± standard error of its seeds so far
 * (seedSums.ts). A source's snapshot keeps its identity until a message of that source arrives, so an unchanged
 * view is not redrawn.
 */
import type { SimulatedAlgorithm, SourceKind, TheorySource } from '../pipeline/protocol';
import { SeedSums, type SeedSumsSummary } from './seedSums';
import { viewSources, type ViewSource } from './viewSources';

/** What every such message has. */
interface ViewMessage {
  source: SourceKind;
  seedIndex: number;
  times: Float64Array;
}

/** How a view's messages become its snapshots. */
export interface ViewRules<M extends ViewMessage, S> {
  /** Each seed's block is an n × n matrix over its n times (SeedSums). */
  square: boolean;
  /** A theory's snapshot of its message. */
  theory(message: M & { source: TheorySource }, runId: number): S;
  /** A simulation seed's values: row-major, `width` per row, each divided by `divisor`. */
  block(message: M): { values: ArrayLike<number>; width: number; divisor: number };
  /** A simulated algorithm's snapshot of its seed mean (`last`: its latest message, for what the sums do not hold). */
  simulation(summary: SeedSumsSummary, last: M, runId: number, source: SimulatedAlgorithm): S;
}

export class ViewResults<M extends ViewMessage, S> {
  private readonly theories: Partial<Record<TheorySource, S>> = {};
  private readonly seeds: Record<SimulatedAlgorithm, SeedSums>;
  private readonly last: Partial<Record<SimulatedAlgorithm, M>> = {};
  private readonly cachedSources: Partial<Record<ViewSource, S | null>> = {};
  private cached: Record<ViewSource, S | null> | null = null;

  constructor(
    readonly runId: number,
    private readonly rules: ViewRules<M, S>,
  ) {
    this.seeds = { sgf: new SeedSums(rules.square), sgd: new SeedSums(rules.square) };
  }

  receive(message: M): void {
    const source = message.source;
    if (source === 'theory' || source === 'sgdTheory') this.theories[source] = this.rules.theory(message as M & { source: TheorySource }, this.runId);
    else if (source === 'sgf' || source === 'sgd') {
      const { values, width, divisor } = this.rules.block(message);
      if (this.seeds[source].add(message.seedIndex, message.times, values, width, divisor)) this.last[source] = message;
    } else return;
    delete this.cachedSources[source];
    this.cached = null;
  }

  snapshot(): Record<ViewSource, S | null> {
    this.cached ??= Object.fromEntries(viewSources.map((source) => [source, this.source(source)])) as Record<ViewSource, S | null>;
    return this.cached;
  }

  private source(source: ViewSource): S | null {
    if (!(source in this.cachedSources)) this.cachedSources[source] = this.build(source);
    return this.cachedSources[source] ?? null;
  }

  private build(source: ViewSource): S | null {
    if (source === 'theory' || source === 'sgdTheory') return this.theories[source] ?? null;
    const summary = this.seeds[source].summary();
    const last = this.last[source];
    return summary && last ? this.rules.simulation(summary, last, this.runId, source) : null;
  }
}
