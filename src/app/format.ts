/** Number formatting for labels, slider values and tooltips. */

/** A value with `digits` significant digits, trailing zeros dropped; ∞ and – for Infinity and NaN. */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return '–';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text =
    magnitude >= 1e5 || magnitude < 1e-3
      ? value.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e')
      : String(Number(value.toPrecision(digits)));
  return text.replace('-', '−');
}

/** A percentage 0..100 of a fraction, rounded down so 100% means finished. */
export function formatPercent(fraction: number): string {
  return `${Math.floor(Math.max(0, Math.min(1, fraction)) * 100 + 1e-9)}%`;
}
