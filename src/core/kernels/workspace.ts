/**
 * A workspace: one block of memory holding the arrays of a solve (or of a simulation seed), and the row
 * kernels that run over them. Where WebAssembly SIMD is available the block is the kernels' linear
 * memory, so they read the arrays in place (several times the speed of JavaScript); elsewhere (an old
 * engine, a host whose Content-Security-Policy forbids compiling WebAssembly) the same arrays live in
 * an ArrayBuffer and the JavaScript mirror runs. Both backends give the same bits.
 */
import type { Random } from '../random';
import { zigguratTables } from '../math/ziggurat';
import * as javascriptKernels from './rowsJs';
import { rowKernelsWasmBase64 } from './rowsWasm';

export type KernelBackend = 'wasm' | 'js';

export type ArrayKind = 'float32' | 'float64' | 'int32';
export interface ArraySpec<K extends ArrayKind = ArrayKind> {
  readonly kind: K;
  readonly length: number;
}
export const float32 = (length: number): ArraySpec<'float32'> => ({ kind: 'float32', length });
export const float64 = (length: number): ArraySpec<'float64'> => ({ kind: 'float64', length });
export const int32 = (length: number): ArraySpec<'int32'> => ({ kind: 'int32', length });

export type ArrayOf<K extends ArrayKind> = K extends 'float32' ? Float32Array : K extends 'float64' ? Float64Array : Int32Array;
export type ArraysOf<L extends Record<string, ArraySpec>> = { [Name in keyof L]: ArrayOf<L[Name]['kind']> };

export interface RowKernels {
  readonly backend: KernelBackend;
  /** out[p] = (accumulate ? out[p] : 0) + Σ_{j<count} coefficients[j]·rows[j·width + p], p < width. */
  combineRows(out: Float64Array, rows: Float32Array, width: number, coefficients: Float64Array, count: number, accumulate?: boolean): void;
  /**
   * out[p] = Σ_{j<count} coefficients[j]·rows[j·width + p] in single precision (coefficients, products and sums in f32,
   * j in order), widened to f64: twice as fast as combineRows (four lanes), for the DMFT's fields, whose Monte-Carlo
   * error (~10⁻³) dwarfs the ~10⁻⁶ relative rounding of sums over ≤ K rows.
   */
  combineRowsSingle(out: Float64Array, rows: Float32Array, width: number, coefficients: Float64Array, count: number): void;
  /** combineRowsSingle into outA and outB with coefficientsA and coefficientsB from the same rows, read once. */
  combineRowsPairSingle(outA: Float64Array, outB: Float64Array, rows: Float32Array, width: number, coefficientsA: Float64Array, coefficientsB: Float64Array, count: number): void;
  /** The same over the rows indices[0..count), in that order. */
  combineIndexedRows(out: Float64Array, rows: Float32Array, width: number, indices: Int32Array, coefficients: Float64Array, count: number, accumulate?: boolean): void;
  /** out[j] = Σ_{p<width} vector[p]·rows[j·width + p], j < count. */
  dotRows(out: Float64Array, rows: Float32Array, width: number, vector: Float64Array, count: number): void;
  /**
   * The pathwise adjoint of step k over `width` trajectories (dmft/response.ts): λ_k = 1 and, for m = k−1 down to
   * `nearest`, λ_m = −D_m Σ_{j=m+1}^{k} R_{jm} λ_j into the step-major f32 `sensitivity`, the sums in single precision
   * (as combineRowsSingle); D is step-major, R (f32) is size × size.
   */
  adjointSweep(sensitivity: Float32Array, drive: Float64Array, response: Float32Array, size: number, width: number, k: number, nearest: number): void;
  /**
   * out[p] = scale·random.normal() for p < count (rounded to f32 in a Float32Array), the values and the stream's
   * state after them those of `count` such calls; returns Σ out[p] as stored, summed in order.
   */
  normalRow(out: Float32Array | Float64Array, count: number, random: Random, scale?: number): number;
  /** out[p] = 1 if random.uniform() < probability, else 0, for p < count: the values and the stream's state after them those of `count` such calls. */
  bernoulliRow(out: Float64Array, count: number, probability: number, random: Random): void;
  /** rowsJs.ts's countBins: one count per sample into `bins` (and `fieldBins` unless null), both of bounds.binCount + 2. */
  countBins(bins: Float64Array, fieldBins: Float64Array | null, bounds: javascriptKernels.HistogramBounds, classifier: boolean, fields: Float64Array, shift: Float64Array | null, labels: Float64Array, count: number): void;
  /**
   * Q's control sums of a block (dmft/forceControl.ts): weights[p] = rowFactor[p]·fieldForce[p]², and into sums[0..2]
   * Σ g², Σ g⁴, Σ force²·g² over p < count, in order.
   */
  forceControlSums(fieldForce: Float64Array, force: Float64Array, rowFactor: Float64Array, weights: Float64Array, count: number, sums: Float64Array): void;
  /** out[p] += labels[p]·fields[p] + shift for p < count (the error twin's margins, dmft/errorTwin.ts). */
  addLabelledFields(out: Float64Array, labels: Float64Array, fields: Float64Array, shift: number, count: number): void;
  /** Step k of the sample process for the logistic loss (dmft/sampleStep.ts), or null: the JavaScript backend runs the general loop with the model's lossTerms (the same operations). */
  readonly logisticSampleStep: ((arrays: LogisticStepArrays, scalars: LogisticStepScalars) => void) | null;
}

/** The arrays of a logistic sample step (RowKernels.logisticSampleStep); null for an absent one. */
export interface LogisticStepArrays {
  labels: Float64Array;
  scores: Float64Array | null;
  field: Float64Array;
  selfReaction: Float64Array;
  /** ξ per trajectory, or null (gradient descent: ξ = 0). */
  draws: Float64Array | null;
  /** ṽ per trajectory when the error twin is the control, else null (the field twin 1{yω < 0}). */
  twinMargins: Float64Array | null;
  currentForce: Float64Array;
  force: Float32Array;
  /** Row k receives ξ, or the membership s with SGD (the error twin's kicks); or null. */
  noise: Float32Array | null;
  currentCurvature: Float64Array;
  drive: Float64Array;
  /** The 18 StepSum sums, then the 5 TwinSum sums (written when twinned). */
  sums: Float64Array;
  /** SGD: the memberships s_k ∈ {0, 1} of step k, or null (the SGF and gradient descent). */
  membership: Float64Array | null;
  /** SGD with kicks that depend on the past: receives w_k f_k; else null. */
  weightedForce: Float64Array | null;
  /** Receives ℓ'(ω_k; y), the force at the Gaussian field (Q's control variate, dmft/forceControl.ts); or null. */
  fieldForce: Float64Array | null;
  /** Row k + 1 of z, whose weight in ω_k is innovationScale: the errors as conditional probabilities; or null (indicators). */
  innovation: Float32Array | null;
}

export interface LogisticStepScalars {
  k: number;
  count: number;
  responseCount: number;
  dt: number;
  alpha: number;
  noiseScale: number;
  twinned: boolean;
  /** SGD: the kick h/(bα) of a member (with `membership`), and 1/b when the responses are weighed by w = s/b, else 0. */
  kickScale: number;
  responseScale: number;
  /** s = L_{k+1,k+1} > 0 with `innovation`, else unread. */
  innovationScale: number;
}

/** Allocates a zeroed array from the spare bytes a workspace was created with. */
export type Allocator = <K extends ArrayKind>(spec: ArraySpec<K>) => ArrayOf<K>;

export interface Workspace<L extends Record<string, ArraySpec>> extends RowKernels {
  /** The arrays of the layout, zeroed. The kernels accept only arrays (or subarrays) of this workspace. */
  readonly arrays: ArraysOf<L>;
  readonly allocate: Allocator;
}

export interface WorkspaceOptions {
  /** Bytes beyond the layout, for later allocate() calls (e.g. each simulation stepper's scratch). */
  spareBytes?: number;
  /** 'auto' (default): WebAssembly where it compiles, else JavaScript. */
  backend?: KernelBackend | 'auto';
}

const bytesPerElement: Record<ArrayKind, number> = { float32: 4, float64: 8, int32: 4 };
/** Arrays start on 16-byte boundaries (v128 loads). */
const alignment = 16;
/**
 * The wasm kernels use no memory of their own; arrays start past a reserved head, which holds the normals'
 * stream state (16 bytes at normalStateAt) and the ziggurat's three tables (at normalTablesAt).
 */
export const normalStateAt = 16;
const normalTablesAt = 64;
const memoryBase = 4096;
const wasmPageBytes = 65536;
const maxWasmPages = 65536;

/** Bytes an array takes in a workspace (rounded up to the alignment): what spareBytes must reserve for it. */
export function alignedBytes(spec: ArraySpec): number {
  return Math.ceil((spec.length * bytesPerElement[spec.kind]) / alignment) * alignment;
}

interface WasmKernelExports {
  combineRows(out: number, rows: number, width: number, coefficients: number, count: number, accumulate: number): void;
  combineIndexedRows(out: number, rows: number, width: number, indices: number, coefficients: number, count: number, accumulate: number): void;
  combineRowsSingle(out: number, rows: number, width: number, coefficients: number, count: number): void;
  combineRowsPairSingle(outA: number, outB: number, rows: number, width: number, coefficientsA: number, coefficientsB: number, count: number): void;
  dotRows(out: number, rows: number, width: number, vector: number, count: number): void;
  adjointSweep(sensitivity: number, drive: number, response: number, size: number, width: number, k: number, nearest: number): void;
  logisticSampleStep(...args: number[]): void;
  normalRow(out: number, count: number, scale: number, single: number, state: number, tables: number): number;
  bernoulliRow(out: number, count: number, probability: number, state: number): void;
  countBins(bins: number, fieldBins: number, low: number, high: number, binCount: number, classifier: number, fields: number, shift: number, labels: number, count: number): void;
  forceControlSums(fieldForce: number, force: number, rowFactor: number, weights: number, count: number, sums: number): void;
  addLabelledFields(out: number, labels: number, fields: number, shift: number, count: number): void;
}

let compiledModule: WebAssembly.Module | null | undefined;

/** The compiled kernels, or null where WebAssembly (with SIMD) cannot be compiled here. Compiled once. */
function kernelModule(): WebAssembly.Module | null {
  if (compiledModule !== undefined) return compiledModule;
  try {
    const bytes = Uint8Array.from(atob(rowKernelsWasmBase64), (character) => character.charCodeAt(0));
    compiledModule = new WebAssembly.Module(bytes);
  } catch (error) {
    compiledModule = null;
    console.warn('WebAssembly SIMD kernels unavailable here; using the JavaScript kernels (same results, ~3× slower):', error);
  }
  return compiledModule;
}

/** Which backend 'auto' resolves to in this engine. */
export function availableKernelBackend(): KernelBackend {
  return kernelModule() ? 'wasm' : 'js';
}

export function createWorkspace<L extends Record<string, ArraySpec>>(layout: L, options: WorkspaceOptions = {}): Workspace<L> {
  const specs = Object.entries(layout);
  const layoutBytes = specs.reduce((total, [, spec]) => total + alignedBytes(spec), 0);
  const totalBytes = memoryBase + layoutBytes + Math.ceil((options.spareBytes ?? 0) / alignment) * alignment;
  const requested = options.backend ?? 'auto';
  const module = requested === 'js' ? null : kernelModule();
  if (requested === 'wasm' && !module) throw new Error('WebAssembly SIMD kernels are not available in this engine');
  const pages = Math.ceil(totalBytes / wasmPageBytes);

  const wasm = module && pages <= maxWasmPages ? instantiate(module, pages, requested === 'wasm') : null;
  const buffer: ArrayBuffer = wasm ? wasm.buffer : new ArrayBuffer(totalBytes);
  const kernels: RowKernels = wasm ? wasm.kernels : javascriptRowKernels;

  let offset = memoryBase;
  const allocate: Allocator = <K extends ArrayKind>(spec: ArraySpec<K>): ArrayOf<K> => {
    const size = alignedBytes(spec);
    if (offset + size > totalBytes) throw new RangeError(`workspace exhausted: ${size} more bytes requested, ${totalBytes - offset} left`);
    const start = offset;
    offset += size;
    if (spec.kind === 'float32') return new Float32Array(buffer, start, spec.length) as ArrayOf<K>;
    if (spec.kind === 'float64') return new Float64Array(buffer, start, spec.length) as ArrayOf<K>;
    return new Int32Array(buffer, start, spec.length) as ArrayOf<K>;
  };
  const arrays = Object.fromEntries(specs.map(([name, spec]) => [name, allocate(spec)])) as ArraysOf<L>;
  return { ...kernels, arrays, allocate };
}

/** The kernels over a fresh memory of `pages`; null (with a warning) if the engine cannot reserve it, unless required. */
function instantiate(module: WebAssembly.Module, pages: number, required: boolean): { buffer: ArrayBuffer; kernels: RowKernels } | null {
  try {
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const abort = (): never => {
      throw new Error('wasm kernel abort');
    };
    // The rare normals' e^x and log x are the engine's own, as on the JavaScript backend.
    const instance = new WebAssembly.Instance(module, { env: { memory, abort, exp: Math.exp, log: Math.log } });
    const { threshold, width, density } = zigguratTables;
    new Float64Array(memory.buffer, normalTablesAt, 3 * threshold.length).set([...threshold, ...width, ...density]);
    return { buffer: memory.buffer, kernels: wasmKernels(instance.exports as unknown as WasmKernelExports, memory.buffer) };
  } catch (error) {
    if (required) throw error;
    console.warn(`WebAssembly memory of ${pages} pages unavailable; using the JavaScript kernels:`, error);
    return null;
  }
}

const javascriptRowKernels: RowKernels = {
  backend: 'js',
  combineRows: (out, rows, width, coefficients, count, accumulate = false) => javascriptKernels.combineRows(out, rows, width, coefficients, count, accumulate),
  combineRowsSingle: (out, rows, width, coefficients, count) => javascriptKernels.combineRowsSingle(out, rows, width, coefficients, count),
  combineRowsPairSingle: (outA, outB, rows, width, coefficientsA, coefficientsB, count) => javascriptKernels.combineRowsPairSingle(outA, outB, rows, width, coefficientsA, coefficientsB, count),
  combineIndexedRows: (out, rows, width, indices, coefficients, count, accumulate = false) =>
    javascriptKernels.combineIndexedRows(out, rows, width, indices, coefficients, count, accumulate),
  dotRows: (out, rows, width, vector, count) => javascriptKernels.dotRows(out, rows, width, vector, count),
  adjointSweep: (sensitivity, drive, response, size, width, k, nearest) => javascriptKernels.adjointSweep(sensitivity, drive, response, size, width, k, nearest),
  normalRow(out, count, random, scale = 1) {
    if (out.length < count) throw new RangeError(`normalRow: ${count} normals exceed an array of ${out.length}`);
    const single = out instanceof Float32Array;
    let sum = 0;
    for (let p = 0; p < count; p++) {
      const z = single ? Math.fround(random.normal() * scale) : random.normal() * scale;
      out[p] = z;
      sum += z;
    }
    return sum;
  },
  bernoulliRow(out, count, probability, random) {
    if (out.length < count) throw new RangeError(`bernoulliRow: ${count} draws exceed an array of ${out.length}`);
    javascriptKernels.bernoulliRow(out, count, probability, random);
  },
  countBins: javascriptKernels.countBins,
  forceControlSums: javascriptKernels.forceControlSums,
  addLabelledFields: javascriptKernels.addLabelledFields,
  logisticSampleStep: null,
};

function wasmKernels(exports: WasmKernelExports, buffer: ArrayBuffer): RowKernels {
  // A kernel reads raw memory: an array from elsewhere would be read as garbage, so refuse it.
  const at = (array: ArrayBufferView): number => {
    if (array.buffer !== buffer) throw new Error('row kernels accept only arrays allocated from their workspace');
    return array.byteOffset;
  };
  // A kernel drawing from `random` reads and writes its state at normalStateAt: the stream goes on where it stops.
  const onStreamState = <Result>(random: Random, draw: () => Result): Result => {
    const state = new Int32Array(buffer, normalStateAt, 4);
    state.set(random.state());
    const result = draw();
    random.restore(Array.from(state));
    return result;
  };
  // The logistic step's arrays: each (or null: pointer 0) must hold what step k reads or writes.
  const pointer = (array: Float64Array | Float32Array | null, length: number): number => {
    if (!array) return 0;
    if (array.length < length) throw new RangeError(`logisticSampleStep: an array of ${array.length} is shorter than ${length}`);
    return at(array);
  };
  const checkRows = (rows: Float32Array, width: number, count: number): void => {
    if (width * count > rows.length) throw new RangeError(`${count} rows of ${width} exceed an array of ${rows.length}`);
  };
  return {
    backend: 'wasm',
    combineRows(out, rows, width, coefficients, count, accumulate = false) {
      checkRows(rows, width, count);
      if (out.length < width || coefficients.length < count) throw new RangeError('combineRows: output or coefficients too short');
      exports.combineRows(at(out), at(rows), width, at(coefficients), count, accumulate ? 1 : 0);
    },
    combineRowsSingle(out, rows, width, coefficients, count) {
      checkRows(rows, width, count);
      if (out.length < width || coefficients.length < count) throw new RangeError('combineRowsSingle: output or coefficients too short');
      exports.combineRowsSingle(at(out), at(rows), width, at(coefficients), count);
    },
    combineRowsPairSingle(outA, outB, rows, width, coefficientsA, coefficientsB, count) {
      checkRows(rows, width, count);
      if (outA.length < width || outB.length < width || coefficientsA.length < count || coefficientsB.length < count) throw new RangeError('combineRowsPairSingle: outputs or coefficients too short');
      exports.combineRowsPairSingle(at(outA), at(outB), at(rows), width, at(coefficientsA), at(coefficientsB), count);
    },
    combineIndexedRows(out, rows, width, indices, coefficients, count, accumulate = false) {
      if (out.length < width || coefficients.length < count || indices.length < count) throw new RangeError('combineIndexedRows: arrays too short');
      for (let k = 0; k < count; k++) if (!((indices[k] + 1) * width <= rows.length && indices[k] >= 0)) throw new RangeError(`row index ${indices[k]} out of range`);
      exports.combineIndexedRows(at(out), at(rows), width, at(indices), at(coefficients), count, accumulate ? 1 : 0);
    },
    dotRows(out, rows, width, vector, count) {
      checkRows(rows, width, count);
      if (out.length < count || vector.length < width) throw new RangeError('dotRows: output or vector too short');
      exports.dotRows(at(out), at(rows), width, at(vector), count);
    },
    adjointSweep(sensitivity, drive, response, size, width, k, nearest) {
      if ((k + 1) * width > sensitivity.length || (k + 1) * width > drive.length || (k + 1) * size > response.length || k >= size || nearest < 0) {
        throw new RangeError('adjointSweep: arrays too short for step ' + k);
      }
      exports.adjointSweep(at(sensitivity), at(drive), at(response), size, width, k, nearest);
    },
    normalRow(out, count, random, scale = 1) {
      if (out.length < count) throw new RangeError(`normalRow: ${count} normals exceed an array of ${out.length}`);
      return onStreamState(random, () => exports.normalRow(at(out), count, scale, out instanceof Float32Array ? 1 : 0, normalStateAt, normalTablesAt));
    },
    bernoulliRow(out, count, probability, random) {
      if (out.length < count) throw new RangeError(`bernoulliRow: ${count} draws exceed an array of ${out.length}`);
      onStreamState(random, () => exports.bernoulliRow(at(out), count, probability, normalStateAt));
    },
    countBins(bins, fieldBins, bounds, classifier, fields, shift, labels, count) {
      const rowLength = bounds.binCount + 2;
      if (bins.length < rowLength || (fieldBins && fieldBins.length < rowLength)) throw new RangeError('countBins: bins shorter than a row');
      if (fields.length < count || labels.length < count || (shift && shift.length < count)) throw new RangeError('countBins: samples shorter than count');
      exports.countBins(at(bins), fieldBins ? at(fieldBins) : 0, bounds.low, bounds.high, bounds.binCount, classifier ? 1 : 0, at(fields), shift ? at(shift) : 0, at(labels), count);
    },
    forceControlSums(fieldForce, force, rowFactor, weights, count, sums) {
      if (fieldForce.length < count || force.length < count || rowFactor.length < count || weights.length < count || sums.length < 3) throw new RangeError('forceControlSums: arrays too short');
      exports.forceControlSums(at(fieldForce), at(force), at(rowFactor), at(weights), count, at(sums));
    },
    addLabelledFields(out, labels, fields, shift, count) {
      if (out.length < count || labels.length < count || fields.length < count) throw new RangeError('addLabelledFields: arrays too short');
      exports.addLabelledFields(at(out), at(labels), at(fields), shift, count);
    },
    logisticSampleStep: (a, s) => {
      const { k, count, responseCount } = s;
      if (a.noise && !a.draws && !a.membership) throw new Error('logisticSampleStep: noise rows need the draws or the memberships');
      // Positional arguments, no spreads: this wrapper runs every step of every block, and spreads cost TurboFan ~20 ms to compile.
      exports.logisticSampleStep(
        k, count, responseCount, s.dt, s.alpha, s.noiseScale,
        pointer(a.labels, count), pointer(a.scores, count), pointer(a.field, count), pointer(a.selfReaction, count), pointer(a.draws, count), pointer(a.twinMargins, count),
        pointer(a.currentForce, count), pointer(a.force, (k + 1) * count), pointer(a.noise, (k + 1) * count), pointer(a.currentCurvature, responseCount),
        pointer(a.drive, (k + 1) * responseCount), pointer(a.sums, 23), s.twinned ? 1 : 0,
        pointer(a.membership, count), s.kickScale, s.responseScale, pointer(a.weightedForce, count), pointer(a.innovation, count), s.innovationScale, pointer(a.fieldForce, count),
      );
    },
  };
}
