/**
 * The blocks one thread computes (all of them in-process, a share of them in a worker), in one workspace,
 * with the thread's copy of R. Pure: the same code runs in the solver's thread and behind a worker message.
 */
import { alignedBytes, createWorkspace, float32, float64, type ArraySpec, type ArraysOf, type KernelBackend, type RowKernels } from '../kernels/workspace';
import type { Params } from '../params';
import { DmftBlock } from './block';
import { histogramRowLength, type HistogramPart } from './sampleHistogram';
import { inputLayout, partialLayout } from './exchange';
import { blockArrays, dmftLayout, type BlockArrays, type DmftLayout } from './layout';

export interface BlockHostOptions {
  kernels?: KernelBackend | 'auto';
  /** DmftOptions.pathwiseWindow. */
  pathwiseWindow?: number;
  /** DmftOptions.forceControl. */
  forceControl?: boolean;
}

export class BlockHost {
  readonly layout: DmftLayout;
  readonly backend: KernelBackend;
  private readonly blocks: DmftBlock[];
  private readonly response: Float64Array;
  /** R rounded to f32, for the pathwise adjoint (RowKernels.adjointSweep). */
  private readonly responseSingle: Float32Array;
  /** The histograms' counting kernels and bins (sampleHistogram.ts), in this workspace. */
  private readonly counting: { kernels: RowKernels; bins: Float64Array };

  /** The blocks `indices` (ascending) of the solve of validated `params`. */
  constructor(params: Params, indices: readonly number[], options: BlockHostOptions = {}) {
    const layout = dmftLayout(params, options);
    this.layout = layout;
    const spans = indices.map((index) => layout.blocks[index]);
    const layouts = spans.map((span) => blockArrays(layout, span));
    const responseSpec = float64(layout.size * layout.size);
    const responseSingleSpec = float32(layout.size * layout.size);
    const blockBytes = layouts.reduce((total, arrays) => total + Object.values(arrays).reduce((sum, spec: ArraySpec) => sum + alignedBytes(spec), 0), 0);
    // One workspace for all of them: one WebAssembly memory per thread, however many blocks.
    const binsSpec = float64(2 * histogramRowLength);
    const workspace = createWorkspace({}, { spareBytes: alignedBytes(responseSpec) + alignedBytes(responseSingleSpec) + alignedBytes(binsSpec) + blockBytes, backend: options.kernels });
    this.backend = workspace.backend;
    this.response = workspace.allocate(responseSpec);
    this.responseSingle = workspace.allocate(responseSingleSpec); // in the workspace: the adjoint kernel reads it
    this.counting = { kernels: workspace, bins: workspace.allocate(binsSpec) };
    this.blocks = spans.map((span, i) => {
      const arrays = Object.fromEntries(Object.entries(layouts[i]).map(([name, spec]) => [name, workspace.allocate(spec)]));
      return new DmftBlock(layout, span, arrays as ArraysOf<BlockArrays>, workspace, this.response, this.responseSingle);
    });
  }

  /** Σ z_0 of each block, in the order of `indices`. */
  firstLatentSums(): Float64Array {
    return Float64Array.from(this.blocks, (block) => block.firstLatentSum);
  }

  /** Every block's samples after its last step, in block order (sampleHistogram.ts). */
  histogramParts(): HistogramPart[] {
    return this.blocks.map((block) => ({ ...block.histogramPart(), counting: this.counting }));
  }

  /** Draws step k's random numbers in every block (DmftBlock.drawAhead); nothing past the last step. */
  drawAhead(k: number): void {
    if (k <= this.layout.steps) for (const block of this.blocks) block.drawAhead(k);
  }

  /** Step k of every block: the partial sums of each, one after the other (partialLayout(k).length apiece). */
  step(k: number, input: Float64Array): Float64Array {
    const at = inputLayout(k);
    this.response.set(input.subarray(at.response, at.response + k), k * this.layout.size);
    this.responseSingle.set(input.subarray(at.response, at.response + k), k * this.layout.size);
    const length = partialLayout(this.layout, k).length;
    const out = new Float64Array(length * this.blocks.length);
    this.blocks.forEach((block, i) => block.step(k, input, out.subarray(i * length, (i + 1) * length)));
    return out;
  }
}
