/** Tick labels of one axis in one notation: all plain, or all powers of ten (10⁴, 10⁶) once any tick needs an exponent. */
import { formatNumber } from '../format';

const superscripts: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** `value` as m×10ᵏ, or 10ᵏ when the mantissa is 1 (3 significant digits). */
export function scientific(value: number): string {
  const [mantissa, exponent] = value.toExponential(2).split('e');
  const power = `10${String(Number(exponent)).replace(/[-\d]/g, (c) => superscripts[c])}`;
  const m = String(Number(mantissa));
  if (m === '1') return power;
  if (m === '-1') return `−${power}`;
  return `${m.replace('-', '−')}×${power}`;
}

/** A formatter for `ticks`: plain numbers, unless one of them would be written with an exponent. */
export function tickFormatter(ticks: readonly number[]): (value: number) => string {
  const needsExponent = ticks.some((tick) => /e/.test(formatNumber(tick)));
  return needsExponent ? (value) => (value === 0 ? '0' : scientific(value)) : (value) => formatNumber(value);
}
