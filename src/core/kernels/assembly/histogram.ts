/**
 * The DMFT's margin histograms: ../rowsJs.ts's countBins, with the same statistic and the same bin
 * arithmetic, so both backends count every sample in the same bin. Pointers are byte offsets; 0 means "absent".
 */

/** rowsJs.ts's histogramBin: 0 below `low`, binCount + 1 at or above `high` (and for NaN), else 1 + the bin. */
@inline
function binOf(value: f64, low: f64, high: f64, binCount: i32, width: f64): i32 {
  if (value < low) return 0;
  if (!(value < high)) return binCount + 1;
  const bin = <i32>(((value - low) * <f64>binCount) / width); // ≥ 0 here: truncation is the floor
  return bin < binCount ? 1 + bin : binCount;
}

@inline
function addOne(bins: usize, index: i32): void {
  const at = bins + (<usize>index << 3);
  store<f64>(at, load<f64>(at) + 1);
}

/**
 * Adds one count per sample p < count to `bins` (f64) at the bin of its statistic — y·r for a classifier, r − y
 * otherwise, r = fields[p] − shift[p] (shift absent: fields[p]) — and, unless absent, to `fieldBins` at that of fields[p].
 */
export function countBins(bins: usize, fieldBins: usize, low: f64, high: f64, binCount: i32, classifier: i32, fields: usize, shift: usize, labels: usize, count: i32): void {
  const width = high - low;
  for (let p = 0; p < count; p++) {
    const offset = <usize>p << 3;
    const field = load<f64>(fields + offset);
    const label = load<f64>(labels + offset);
    const r = shift ? field - load<f64>(shift + offset) : field;
    addOne(bins, binOf(classifier ? label * r : r - label, low, high, binCount, width));
    if (fieldBins) addOne(fieldBins, binOf(classifier ? label * field : field - label, low, high, binCount, width));
  }
}
