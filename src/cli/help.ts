/**
 * Help text, generated from the flag table, `ranges` and `defaultParams`, so every range and default
 * shown is the one the validator enforces.
 */
import { defaultParams, dtRange, estimators, maxTimeSteps, modelIds, ranges, samplings, theoryAlgorithms, type NumericKey, type NumericRange, type Params } from '../core/params';
import { algorithms } from '../core/sim/types';
import { dtFollowsStep, optionFlags, outputFormats, paramFlags, type ParamFlag } from './flags';

function describeRange(range: NumericRange): string {
  const kind = range.integer ? 'integer' : 'number';
  return `${kind} ${range.min} … ${range.max}${range.allowInfinity ? ' or inf' : ''}`;
}

function describeDefault(value: Params[keyof Params]): string {
  if (value === null) return dtFollowsStep;
  if (value === Infinity) return 'inf';
  return String(value);
}

/** Allowed values of a Params flag, as shown in the help. */
function allowedValues(flag: ParamFlag): string {
  switch (flag.key) {
    case 'model':
      return modelIds.join(' | ');
    case 'estimator':
      return estimators.join(' | ');
    case 'sampling':
      return samplings.join(' | ');
    case 'theoryAlgorithm':
      return theoryAlgorithms.join(' | ');
    case 'dt':
      return `${dtFollowsStep} | ${describeRange(dtRange)}`;
    default:
      return describeRange(ranges[flag.key as NumericKey]);
  }
}

function flagBlock(name: string, values: string, defaultText: string, description: string, usedBy: readonly string[]): string {
  const head = `  --${name} <${values}>`;
  return `${head}\n      ${description}. Default ${defaultText}. Used by: ${usedBy.join(', ')}.`;
}

export function helpText(): string {
  const paramLines = paramFlags.map((flag) =>
    flagBlock(flag.name, allowedValues(flag), describeDefault(defaultParams[flag.key]), flag.description, flag.usedBy),
  );
  const { algo, format, continuous, help } = optionFlags;
  return `sgf-dmft — DMFT of stochastic gradient flow, and finite-size simulations, from the command line.

Usage:
  npm run --silent cli -- theory       [flags] [--format json|csv]
      DMFT solution (theory.md §4–5) on the grid t_k = kΔt.
  npm run --silent cli -- simulate     --algo ${algorithms.join('|')} --dim ${defaultParams.dim} --seeds ${defaultParams.seeds} [flags] [--format json|csv]
      Finite-d simulations, mean over seeds with standard errors (<name>Se columns).
  npm run --silent cli -- linear-exact [flags] [--continuous] [--format json|csv]
      Exact deterministic theory of the linear model (theory.md §8; no Monte Carlo), for θ(0) = 0.
      --model defaults to linear here; --init-scale must be 0.
  npm run --silent cli -- --help

Flags take a value as "--flag value" or "--flag=value". Ranges are inclusive; at most
${maxTimeSteps} time steps (horizon / dt) are allowed.

Parameters:
${paramLines.join('\n')}

Options:
${flagBlock(algo.name, algorithms.join(' | '), 'sgf', algo.description, algo.usedBy)}
${flagBlock(format.name, outputFormats.join(' | '), 'json', format.description, format.usedBy)}
  --${continuous.name}
      ${continuous.description}. Used by: ${continuous.usedBy.join(', ')}.
  --${help.name}, -h
      ${help.description}.

Output (stdout carries only the result):
  json  {"params": {...}, "t": [...], "trainLoss": [...], "trainError": [...], "testLoss": [...],
         "testError": [...], "q": [...], "m": [...], "cosine": [...], "diverged": null | {"at": t}}
        simulate adds <name>Se (standard error over seeds) for every series except t.
        NaN (the error columns of the linear model) is null; beta = Infinity is "Infinity".
  csv   a header row with the same column names (t first), one row per time; NaN is an empty cell.

Exit codes:
  0  a result was printed (a run that diverges is a result: "diverged": {"at": t}, rows up to t kept)
  1  the computation failed unexpectedly (message on stderr)
  2  invalid command line: unknown command or flag, missing or invalid value (message on stderr, nothing on stdout)

Examples:
  npm run --silent cli -- theory --alpha 2 --batch-fraction 0.1 --horizon 6 --format csv
  npm run --silent cli -- simulate --algo sgd --dim 1000 --seeds 4 --beta inf
  npm run --silent cli -- linear-exact --alpha 0.7 --batch-fraction 0.2 --step 0.2 --ridge 0 --continuous
`;
}
