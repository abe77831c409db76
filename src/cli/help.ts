/**
 * Help text, generated from the parameter table (core/paramTable.ts) and the model registry, so every range and default
 * shown is the one the validator enforces.
 */
import { modelIds, models, modelsWith } from '../core/models';
import { defaultParams, maxTimeSteps, theoryAlgorithms, type NumericRange } from '../core/params';
import { paramRow, type ParamRow } from '../core/paramTable';
import { formatParamText, nullWord } from '../core/paramText';
import { algorithms } from '../core/sim/types';
import { maxSweepValues, sweepKeys } from '../core/sweep';
import { flagOfKey, maxThreads, optionFlags, outputFormats, paramFlags } from './flags';

const flagNameOfKey = (key: string): string => paramFlags.find((flag) => flag.key === key)?.name ?? key;

function describeRange(range: NumericRange): string {
  const kind = range.integer ? 'integer' : 'number';
  return `${kind} ${range.min} … ${range.max}${range.allowInfinity ? ' or inf' : ''}`;
}

/** Allowed values of a parameter, as shown in the help. */
function allowedValues(row: ParamRow): string {
  switch (row.type) {
    case 'choice':
      return row.choices().join(' | ');
    case 'followingNumber':
      return `${nullWord(row)} | ${describeRange(row)}`;
    case 'number':
      return describeRange(row);
  }
}

function flagBlock(name: string, values: string, defaultText: string, description: string, usedBy: readonly string[]): string {
  const head = `  --${name} <${values}>`;
  return `${head}\n      ${description}. Default ${defaultText}. Used by: ${usedBy.join(', ')}.`;
}

/** How the usage lines start: the development command, or the installed program's name (`sgf-dmft`). */
export const developmentCommand = 'npm run --silent cli --';

export function helpText(program: string = developmentCommand): string {
  const paramLines = paramFlags.map((flag) => {
    const row = paramRow(flag.key);
    return flagBlock(flag.name, allowedValues(row), formatParamText(row, row.default), flag.description, flag.usedBy);
  });
  const { algo, format, continuous, param, values, at, simulate, threads, help } = optionFlags;
  const width = Math.max(...modelIds.map((id) => id.length));
  const modelLines = modelIds.map((id) => {
    const flags = models[id].ownParameters.map((key) => flagOfKey(key)).join(', ');
    return `  ${id.padEnd(width)}  ${models[id].summary}${flags ? ` (teacher: ${flags})` : ''}`;
  });
  const text = `sgf-dmft — DMFT of stochastic gradient flow, and finite-size simulations, from the command line.

Usage:
  npm run --silent cli -- theory       [--algo ${theoryAlgorithms.join('|')}] [flags] [--threads N] [--format json|csv]
      sgf (default): the DMFT of the paper's SGF (theory.md §4–5) on the grid t_k = kΔt.
      sgd: the DMFT of minibatch SGD itself with its --sampling (exact, §9), at Δt = h.
      gd: the DMFT of gradient descent (b = 1).
      online: the one-pass limit (theory.md §11.2), deterministic, at step h and τ = h/(bα), t_k = kh.
  npm run --silent cli -- simulate     --algo ${algorithms.join('|')} --dim ${defaultParams.dim} --seeds ${defaultParams.seeds} [flags] [--format json|csv]
      Finite-d simulations, mean over seeds with standard errors (<name>Se columns).
  npm run --silent cli -- linear-exact [flags] [--continuous] [--format json|csv]
      Exact deterministic theory of the linear model (theory.md §8; no Monte Carlo), for θ(0) = 0.
      --model defaults to ${modelsWith((model) => model.exactTheory).join(', ')} here; --init-scale and --init-overlap must be 0.
  npm run --silent cli -- sweep        --param <name> --values v1,v2,… [--at t] [--simulate [--algo …]] [flags] [--format json|csv]
      The theory (and with --simulate the finite-d simulation) at each value of one parameter, read at time t.
  npm run --silent cli -- --help

Models (--model; r* = x·θ* is the teacher field, r = x·θ the student's):
${modelLines.join('\n')}

Flags take a value as "--flag value" or "--flag=value". Ranges are inclusive; at most
${maxTimeSteps} time steps (horizon / dt) are allowed.

Parameters:
${paramLines.join('\n')}

Options:
${flagBlock(algo.name, `${algorithms.join(' | ')} (simulate); ${theoryAlgorithms.join(' | ')} (theory)`, 'sgf', algo.description, algo.usedBy)}
${flagBlock(format.name, outputFormats.join(' | '), 'json', format.description, format.usedBy)}
  --${continuous.name}
      ${continuous.description}. Used by: ${continuous.usedBy.join(', ')}.
${flagBlock(param.name, sweepKeys.map(flagNameOfKey).join(' | '), 'none (required)', param.description, param.usedBy)}
${flagBlock(values.name, 'v1,v2,…', `none (required; at most ${maxSweepValues})`, values.description, values.usedBy)}
${flagBlock(at.name, 'number ≥ 0', 'each run\'s horizon', at.description, at.usedBy)}
  --${simulate.name}
      ${simulate.description}. Used by: ${simulate.usedBy.join(', ')}.
${flagBlock(threads.name, `integer 1 … ${maxThreads}`, "the machine's cores", threads.description, threads.usedBy)}
  --${help.name}, -h
      ${help.description}.

Output (stdout carries only the result):
  json  {"params": {...}, "t": [...], "trainLoss": [...], "trainError": [...], "testLoss": [...],
         "testError": [...], "q": [...], "m": [...], "cosine": [...], "diverged": null | {"at": t}}
        simulate adds <name>Se (standard error over seeds) for every series except t.
        theory --algo online adds "about": {"theory": …, "temperature": τ} after params; its train
        columns equal the test ones (fresh data), as do simulate --algo online's in expectation (the loss
        and error of each step's fresh batch).
        NaN (the error columns of the linear model) is null; beta = Infinity is "Infinity".
  csv   a header row with the same column names (t first), one row per time; NaN is an empty cell.
  sweep one row per value: json {"params": {...the shared ones}, "param": <key>, "at": t | null, "algorithm": null | <algo>,
        "<key>": [...], "t": [...], "trainLoss": [...], …, "cosine": [...], "trainLossSe": [...], "trainErrorSe": [...],
        "divergedAt": [...]}, with --simulate also simT, simTrainLoss … simCosine, simTrainLossSe … simCosineSe,
        simDivergedAt; csv: the same columns, <key> first. t is the grid time read; trainLossSe/trainErrorSe are the
        solver's Monte-Carlo standard errors; divergedAt is null (empty) unless the run diverged (its values are then null).

Exit codes:
  0  a result was printed (a run that diverges is a result: "diverged": {"at": t}, rows up to t kept)
  1  the computation failed unexpectedly (message on stderr)
  2  invalid command line: unknown command or flag, missing or invalid value (message on stderr, nothing on stdout)

Examples:
  npm run --silent cli -- theory --alpha 2 --batch-fraction 0.1 --horizon 6 --format csv
  npm run --silent cli -- theory --algo sgd --sampling epoch --step 0.5 --horizon 15
  npm run --silent cli -- simulate --algo sgd --dim 1000 --seeds 4 --beta inf
  npm run --silent cli -- linear-exact --alpha 0.7 --batch-fraction 0.2 --step 0.2 --ridge 0 --continuous
  npm run --silent cli -- sweep --param alpha --values 0.5,1,2,4 --at 10 --format csv
`;
  return program === developmentCommand ? text : text.replaceAll(developmentCommand, program);
}
