/**
 * Parameters as text, the same in CLI flags and URL queries: a value of a row of paramTable.ts read from and
 * written to text, the one number parser both use, and how a typed value is shortened in messages.
 */
import { paramTable, type FollowingNumberRow, type ParamRow } from './paramTable';

/** The word for null of a following number (`dt=step`): the flag of what it follows. */
export function nullWord(row: FollowingNumberRow): string {
  return paramTable[row.follows].flag ?? row.follows;
}

/** Decimal numbers only: "", "0x10", "1_000" and "12abc" are not numbers here (Number() would accept some). */
const decimalNumber = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const infinity = /^[+-]?inf(inity)?$/i;

/** Text → number, or the text itself when it is not one (so the validator reports it as such). */
export function parseNumberText(text: string): number | string {
  if (decimalNumber.test(text)) return Number(text);
  if (infinity.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return text;
}

/** Number → text that parseNumberText reads back exactly (Infinity as "inf"). */
export function formatNumberText(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/**
 * A row's value from text, for the validator to judge: a choice as the text itself, a number by parseNumberText
 * (the text itself when it is none); a following number is null for its word, "null" or an empty text.
 */
export function parseParamText(row: ParamRow, text: string): unknown {
  if (row.type === 'choice') return text;
  if (row.type === 'followingNumber' && (text === nullWord(row) || text === 'null' || text === '')) return null;
  return parseNumberText(text);
}

/** A row's value as text that parseParamText reads back exactly. */
export function formatParamText(row: ParamRow, value: unknown): string {
  if (value === null && row.type === 'followingNumber') return nullWord(row);
  return typeof value === 'number' ? formatNumberText(value) : String(value);
}

/** Longest typed text a message repeats; longer ones are cut (a URL or argument can be any length). */
const shownLength = 40;

/** A typed text as a message shows it: the first 40 characters, and "…" when cut. */
export function shortenText(text: string): string {
  return text.length > shownLength ? `${text.slice(0, shownLength)}…` : text;
}
