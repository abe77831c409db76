#!/usr/bin/env node
/**
 * Command-line entry point (`npm run --silent cli -- …`): parse, run, print.
 * Exit codes: 0 result (diverged runs included), 1 unexpected failure, 2 invalid command line.
 */
import { parseArgs, type RunRequest } from './args';
import { formatReport, reportFromDmft, reportFromLinearExact, reportFromSimulation, type ResultReport } from '../core/report';
import { helpText } from './help';

/** Solvers are imported on demand, so `--help` and argument errors answer without loading them. */
async function run(request: RunRequest): Promise<ResultReport> {
  switch (request.command) {
    case 'theory': {
      const { solveDmft } = await import('../core/dmft/solver');
      return reportFromDmft(solveDmft(request.params));
    }
    case 'simulate': {
      const { simulate } = await import('../core/sim/simulate');
      return reportFromSimulation(simulate(request.params, request.algorithm));
    }
    case 'linear-exact': {
      const { solveLinearExact } = await import('../core/theory/linearExact');
      return reportFromLinearExact(request.params, solveLinearExact(request.params, { continuous: request.continuous }));
    }
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(parsed.problems.map((problem) => `error: ${problem}\n`).join('') + 'Run with --help for usage.\n');
    return 2;
  }
  if (parsed.command === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  let report: ResultReport;
  try {
    report = await run(parsed);
  } catch (error) {
    process.stderr.write(`error: ${parsed.command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(formatReport(report, parsed.format));
  // CSV has no place for it, so say it on stderr (JSON carries it as "diverged").
  if (report.diverged && parsed.format === 'csv') process.stderr.write(`note: the run diverged at t = ${report.diverged.at}; rows before it are kept\n`);
  return 0;
}

// A reader that stops early (`… | head`) is normal use, not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// exitCode, not process.exit(): a large result piped to another program must be flushed first.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
