/** Tooltips of the parameter controls: the one-line descriptions of src/core/paramText.ts (the CLI's help texts). */
import type { Params } from '../core/params';
import { paramNames } from '../core/paramText';

/** "name: description" of a parameter, e.g. "alpha: sample ratio α = n/d" (the URL / CLI name first). */
export function paramTooltip(key: keyof Params): string {
  const entry = paramNames.find((candidate) => candidate.key === key);
  return entry ? `${entry.name}: ${entry.description}` : String(key);
}
