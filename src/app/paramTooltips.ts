/** Tooltips of the parameter controls: the one-line descriptions of src/core/paramTable.ts (the CLI's help texts). */
import type { Params } from '../core/params';
import { paramRow } from '../core/paramTable';

/** "name: description" of a parameter, e.g. "alpha: sample ratio α = n/d" (the URL / CLI name first). */
export function paramTooltip(key: keyof Params): string {
  const row = paramRow(key);
  return `${row.flag ?? row.key}: ${row.description}`;
}
