#!/usr/bin/env node
/**
 * Command-line entry point (`npm run --silent cli -- …`, or the package's built `sgf-dmft` bin): starts a theory run's
 * threads, then loads the program (program.ts), which parses, runs and prints.
 */
import { availableParallelism } from 'node:os';
import { prestartBlockThreads } from './blockThreads';

/** The worker_threads entry of the parallel theory: the sources' blockThread.ts, or the package's built blockThread.cjs beside cli.js. */
const blockThreadEntry = new URL(import.meta.url.endsWith('.ts') ? './blockThread.ts' : './blockThread.cjs', import.meta.url);

/**
 * `theory …` (the command first, as --help writes it) starts its threads before the rest of the program loads, so
 * that their ~50 ms start overlaps this one's: a guess from the words alone, which parseArgs settles (a solve takes
 * the threads it can use and ends the others; a run of anything else never references them).
 */
function threadsToStartEarly(argv: readonly string[]): number {
  if (argv[0] !== 'theory') return 0;
  const given = argv.indexOf('--threads');
  const threads = given >= 0 ? Number(argv[given + 1]) : availableParallelism();
  return Number.isInteger(threads) && threads > 1 ? Math.min(threads, availableParallelism()) - 1 : 0;
}
const argv = process.argv.slice(2);
prestartBlockThreads(threadsToStartEarly(argv), blockThreadEntry);

const { runCommandLine } = await import('./program');
runCommandLine(argv, blockThreadEntry);
