/**
 * The command-line program (entered through main.ts): parse, run, print.
 * Exit codes: 0 result (diverged runs included), 1 unexpected failure, 2 invalid command line.
 */
import { parseArgs, type RunRequest } from './args';
import { formatReport, reportFromDmft, reportFromLinearExact, reportFromOnline, reportFromSimulation, type ResultReport } from '../core/report';
import { developmentCommand, helpText } from './help';
import { getModel } from '../core/models';

/** Run from the sources (`npm run cli`, tsx) or as the package's built `sgf-dmft` bin: the help names what was typed. */
const program = /\.ts$/.test(process.argv[1] ?? '') ? developmentCommand : 'sgf-dmft';

/** What a command prints: stdout text, and a note for stderr. */
interface CommandOutput {
  text: string;
  note: string | null;
}

/** The printed report, and on stderr what CSV has no place for (JSON carries them as "diverged" and "about"). */
function output(text: string, report: Pick<ResultReport, 'diverged' | 'about'>, format: RunRequest['format']): CommandOutput {
  const notes: string[] = [];
  if (report.diverged && format === 'csv') notes.push(`note: the run diverged at t = ${report.diverged.at}; rows before it are kept`);
  if (report.about && format === 'csv') notes.push(`note: ${Object.entries(report.about).map(([key, value]) => `${key} ${value}`).join(', ')}`);
  return { text, note: notes.length > 0 ? notes.join('\n') : null };
}

function reportOutput(report: ResultReport, format: RunRequest['format']): CommandOutput {
  return output(formatReport(report, format), report, format);
}

/** theory and simulate for the committee machine (core/committee): its own series, in the same schema. */
async function runCommittee(request: RunRequest): Promise<CommandOutput> {
  const { formatCommitteeReport, reportFromCommitteeSimulation, reportFromCommitteeTheory } = await import('../core/committee/report');
  if (request.command === 'theory') {
    const { solveCommittee } = await import('../core/committee/solver');
    const report = reportFromCommitteeTheory(solveCommittee(request.params));
    return output(formatCommitteeReport(report, request.format), report, request.format);
  }
  const { simulateCommittee } = await import('../core/committee/simulate');
  const report = reportFromCommitteeSimulation(simulateCommittee(request.params, request.algorithm));
  return output(formatCommitteeReport(report, request.format), report, request.format);
}

/** Solvers are imported on demand, so `--help` and argument errors answer without loading them. */
async function run(request: RunRequest, blockThreadEntry: URL): Promise<CommandOutput> {
  if (getModel(request.params.model).kind === 'committee' && (request.command === 'theory' || request.command === 'simulate')) return runCommittee(request);
  switch (request.command) {
    case 'theory': {
      if (request.params.theoryAlgorithm === 'online') {
        const { solveOnline } = await import('../core/theory/online');
        return reportOutput(reportFromOnline(solveOnline(request.params)), request.format);
      }
      const [{ solveDmftOnThreads }, { availableParallelism }] = await Promise.all([import('./threadPool'), import('node:os')]);
      const result = await solveDmftOnThreads(request.params, request.threads ?? availableParallelism(), blockThreadEntry);
      return reportOutput(reportFromDmft(result), request.format);
    }
    case 'simulate': {
      const { simulate } = await import('../core/sim/simulate');
      return reportOutput(reportFromSimulation(simulate(request.params, request.algorithm)), request.format);
    }
    case 'linear-exact': {
      const { solveLinearExact } = await import('../core/theory/linearExact');
      return reportOutput(reportFromLinearExact(request.params, solveLinearExact(request.params, { continuous: request.continuous })), request.format);
    }
    case 'sweep': {
      const [{ runSweep }, { formatSweep }] = await Promise.all([import('../core/sweepRun'), import('../core/sweepReport')]);
      const plan = request.sweep!;
      const algorithm = request.simulate ? request.algorithm : null;
      // A sweep can take minutes: say how far it is, on a terminal only (stderr stays clean for scripts).
      const onPoint = process.stderr.isTTY
        ? (point: { value: number }, index: number) => process.stderr.write(`sweep: ${index + 1}/${plan.points.length} done (${plan.key} = ${point.value})\n`)
        : undefined;
      const points = runSweep(plan, { algorithm, onPoint });
      return { text: formatSweep({ params: request.params, key: plan.key, at: plan.at, algorithm, points }, request.format), note: null };
    }
  }
}

async function main(argv: readonly string[], blockThreadEntry: URL): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(parsed.problems.map((problem) => `error: ${problem}\n`).join('') + 'Run with --help for usage.\n');
    return 2;
  }
  if (parsed.command === 'help') {
    process.stdout.write(helpText(program));
    return 0;
  }
  let output: CommandOutput;
  try {
    output = await run(parsed, blockThreadEntry);
  } catch (error) {
    process.stderr.write(`error: ${parsed.command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(output.text);
  if (output.note) process.stderr.write(`${output.note}\n`);
  return 0;
}

/** Runs the command line `argv`, its theory's threads running `blockThreadEntry` (main.ts), and sets the exit code. */
export function runCommandLine(argv: readonly string[], blockThreadEntry: URL): void {
  // A reader that stops early (`… | head`) is normal use, not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // exitCode, not process.exit(): a large result piped to another program must be flushed first.
  main(argv, blockThreadEntry).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
