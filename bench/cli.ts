/**
 * The CLI as a program: wall time of whole processes of the built package (dist-node/, built here first),
 * beside a bare Node start and the development path through tsx. `npm run bench` prints these rows;
 * `npx tsx bench/cli.ts` prints them alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPackage, cliBundle, root } from '../scripts/packageBuild';

interface ProcessCase {
  name: string;
  args: string[];
  repeats: number;
  targetMs?: number;
  description: string;
}

const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

const cases: ProcessCase[] = [
  { name: 'node-start', args: ['-e', '0'], repeats: 15, description: 'a bare Node process (the floor of any CLI start)' },
  { name: 'cli-help', args: [cliBundle, '--help'], repeats: 15, targetMs: 150, description: 'built CLI, --help (startup)' },
  { name: 'cli-help-tsx', args: [tsxCli, 'src/cli/main.ts', '--help'], repeats: 5, description: 'the same through tsx (npm run cli, development)' },
  { name: 'cli-theory', args: [cliBundle, 'theory'], repeats: 5, targetMs: 400, description: 'built CLI, whole default theory solve, threads: the machine\'s cores (the default)' },
  { name: 'cli-theory-1', args: [cliBundle, 'theory', '--threads', '1'], repeats: 5, description: 'the same on one thread' },
];

/** Wall time of one process from spawn to exit, in milliseconds. */
function processMs(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

export async function cliTimings(): Promise<void> {
  await buildPackage();
  console.log('\nThe CLI as a process (wall time from spawn to exit; median of the repeats)');
  console.log('case              median     min   target  description');
  for (const { name, args, repeats, targetMs, description } of cases) {
    const times = Array.from({ length: repeats }, () => processMs(args)).sort((a, b) => a - b);
    const target = targetMs ? `≤${targetMs} ms` : '';
    console.log(`${name.padEnd(16)} ${times[Math.floor(repeats / 2)].toFixed(0).padStart(6)} ms ${times[0].toFixed(0).padStart(6)} ms ${target.padStart(9)}  ${description} (${repeats} runs)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await cliTimings();
