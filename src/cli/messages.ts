/** How the command-line parsers quote what was typed and name the flag of a validator problem. */
import type { Params } from '../core/params';
import { shortenText } from '../core/paramText';
import { flagOfKey } from './flags';

/** A typed value as shown in a message: JSON-quoted, long ones cut. */
export function quote(text: string): string {
  return JSON.stringify(shortenText(text));
}

/**
 * "--flag "value": message" for a validator problem, naming the flag to change; null when the flag was
 * given without a value (already reported as missing). A default can be wrong only together with another
 * value (dt > step, …), so it is shown as "(default)".
 */
export function problemMessage(name: keyof Params, message: string, given: ReadonlyMap<string, string>): string | null {
  const flag = flagOfKey(name);
  const raw = given.get(flag.slice(2));
  if (raw === '') return null;
  return `${flag} ${raw === undefined ? '(default)' : quote(raw)}: ${message}`;
}
