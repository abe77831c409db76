/**
 * Pins in the share link: one `pin=` entry per pinned run, giving only the parameters in which it differs from
 * the link's own, as `name:value` pairs joined by commas under the parameters' URL names
 * (`pin=batch-fraction:1,step:0.5`; an empty entry is a pin of the link's own parameters). Read back on top of
 * the link's parameters and decoded and corrected by src/core/urlCodec.ts like every other URL value.
 */
import type { Params } from '../../core/params';
import { flagRows } from '../../core/paramTable';
import { shortenText } from '../../core/paramText';
import { decodeParamsQuery, encodeParamsQuery, type Correction } from '../../core/urlCodec';
import { maxPins } from './pinStore';

/** The query key of a pin. */
export const pinKey = 'pin';

/** The `pin=` value of `pinned` against the link's parameters `base`. */
export function encodePin(pinned: Params, base: Params): string {
  const own = new URLSearchParams(encodeParamsQuery(pinned));
  const reference = new URLSearchParams(encodeParamsQuery(base));
  return [...own]
    .filter(([name, value]) => reference.get(name) !== value)
    .map(([name, value]) => `${name}:${value}`)
    .join(',');
}

/** The pinned parameters of `search`'s `pin=` entries on top of `base`, with the corrections made (named `pin N: name`). */
export function readPins(search: URLSearchParams, base: Params): { pins: Params[]; corrections: Correction[] } {
  const entries = search.getAll(pinKey);
  const corrections: Correction[] = [];
  if (entries.length > maxPins) {
    corrections.push({ name: pinKey, given: `${entries.length} pins`, used: `the first ${maxPins}`, reason: `at most ${maxPins} runs can be pinned` });
  }
  const known = new Set(flagRows.map((row) => row.flag));
  const pins = entries.slice(0, maxPins).map((entry, index) => {
    const label = `pin ${index + 1}`;
    const query = new URLSearchParams(encodeParamsQuery(base));
    for (const pair of entry.split(',').map((text) => text.trim()).filter((text) => text !== '')) {
      const separator = pair.indexOf(':');
      const name = separator < 0 ? pair : pair.slice(0, separator).trim();
      if (separator < 0 || !known.has(name)) {
        corrections.push({ name: label, given: shortenText(pair), used: '(left out)', reason: separator < 0 ? 'not name:value' : 'not a parameter' });
        continue;
      }
      query.set(name, pair.slice(separator + 1));
    }
    const decoded = decodeParamsQuery(query);
    corrections.push(...decoded.corrections.map((correction) => ({ ...correction, name: `${label}: ${correction.name}` })));
    return decoded.params;
  });
  return { pins, corrections };
}
