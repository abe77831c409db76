/**
 * The parameter table (src/core/paramTable.ts) is what the validator, the URL codec, the CLI parser, --help and the
 * README's table read: every row round-trips through the URL and the command line and appears in both texts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { helpText } from '../../src/cli/help';
import { getModel, modelsWith } from '../../src/core/models';
import { defaultParams, validateParams, type Params } from '../../src/core/params';
import { flagRows, paramRows, paramTable, type ParamRow } from '../../src/core/paramTable';
import { formatParamText } from '../../src/core/paramText';
import { decodeParamsQuery, encodeParamsQuery, modelFit } from '../../src/core/urlCodec';
import { parameterTableMarkdown, tableEnd, tableStart, withParameterTable } from '../../scripts/paramTableMarkdown';

/** The defaults with `key` set to `value`, plus what the value needs of the others (a model's planted start, an exact-response model). */
function withValue(row: ParamRow, value: unknown): Params {
  const params = { ...defaultParams, [row.key]: value } as Params;
  if (row.key === 'estimator' && value === 'exact') params.model = modelsWith((model) => model.exactResponse)[0];
  for (const change of modelFit(params)) params[change.key] = change.value;
  params.horizon = Math.min(params.horizon, 100 * params.step); // a smaller step (Poisson's) within the step limit
  return params;
}

/** Values of a row other than its default (every other choice) that validate with the others at (near) their defaults. */
function testValues(row: ParamRow): unknown[] {
  if (row.type === 'choice') return row.choices().filter((choice) => choice !== row.default);
  const candidates =
    row.type === 'followingNumber'
      ? [defaultParams[row.follows] / 2, row.min * 1000]
      : [row.min, row.max, (row.min + row.max) / 2, row.min + (row.max - row.min) / 1000, ...(row.allowInfinity ? [Infinity] : [])];
  const values = candidates.map((value) => (row.type === 'number' && row.integer ? Math.round(value) : value));
  return values.filter((value) => value !== row.default && validateParams(withValue(row, value)).ok);
}

/** The command line of `params`: every flag, and `theory --algo` for the theory's dynamics. */
function commandLine(params: Params): string[] {
  const argv = ['theory', '--algo', params.theoryAlgorithm];
  for (const row of flagRows) argv.push(`--${row.flag}`, formatParamText(row, params[row.key]));
  return argv;
}

describe('every row of the parameter table', () => {
  it.each(paramRows.map((row) => [row.key, row] as const))('%s round-trips through the URL codec and the CLI parser', (_key, row) => {
    const values = testValues(row);
    expect(values.length, `${row.key} has a value other than its default that runs`).toBeGreaterThan(0);
    for (const value of values) {
      const params = validateParams(withValue(row, value));
      if (!params.ok) throw new Error(`${row.key} = ${String(value)}: ${JSON.stringify(params.problems)}`);
      const parsed = parseArgs(commandLine(params.params));
      if (!parsed.ok || parsed.command === 'help') throw new Error(`${row.key} = ${String(value)}: ${JSON.stringify(parsed)}`);
      expect(parsed.params, `CLI, ${row.key} = ${String(value)}`).toEqual(params.params);
      if (row.flag === null) continue; // not a URL key (the app draws both theories): the URL keeps the default
      const decoded = decodeParamsQuery(encodeParamsQuery(params.params));
      expect(decoded.corrections, `URL, ${row.key} = ${String(value)}`).toEqual([]);
      expect(decoded.params).toEqual({ ...params.params, theoryAlgorithm: defaultParams.theoryAlgorithm });
    }
  });

  it('a value outside a numeric row is refused by the CLI and corrected by the URL codec, naming the flag', () => {
    for (const row of flagRows) {
      if (row.type === 'choice') continue;
      const parsed = parseArgs(['simulate', `--${row.flag}`, String(row.max * 10)]);
      expect(parsed.ok, row.flag).toBe(false);
      if (!parsed.ok) expect(parsed.problems.join('\n')).toContain(`--${row.flag}`);
      const decoded = decodeParamsQuery(`${row.flag}=${row.max * 10}`);
      expect(decoded.corrections.map((correction) => correction.name)).toContain(row.flag);
      expect(validateParams(decoded.params).ok).toBe(true);
    }
  });

  it('appears in --help with its choices or range and its default', () => {
    const text = helpText();
    for (const row of paramRows) {
      const spelling = row.flag !== null ? `--${row.flag} <` : '--algo <';
      expect(text, row.key).toContain(spelling);
      if (row.type === 'choice') for (const choice of row.choices()) expect(text).toContain(choice);
      else expect(text).toContain(`${row.min} … ${row.max}`);
      if (row.flag !== null) expect(text).toMatch(new RegExp(`--${row.flag} <[^\\n]*>\\n[^\\n]*Default ${formatParamText(row, row.default).replace('.', '\\.')}\\.`));
    }
  });

  it('appears in the README parameter table, which is what scripts/refreshParamTable.ts writes', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    expect(readme).toContain(tableStart);
    expect(readme).toContain(tableEnd);
    expect(withParameterTable(readme), 'run `npx tsx scripts/refreshParamTable.ts`').toBe(readme);
    const table = parameterTableMarkdown();
    for (const row of paramRows) expect(table).toContain(row.flag !== null ? `| \`${row.flag}\` |` : `| \`${row.cli}\` (CLI only) |`);
  });

  it('applies to a model only if the model reads it: own parameters are listed by their models', () => {
    for (const row of paramRows) {
      if (row.appliesTo.models === 'own') expect(modelsWith((model) => model.ownParameters.includes(row.key)).length, row.key).toBeGreaterThan(0);
    }
    for (const id of modelsWith(() => true)) {
      for (const key of getModel(id).ownParameters) expect(paramTable[key].appliesTo.models, `${id} ${key}`).toBe('own');
    }
  });
});
