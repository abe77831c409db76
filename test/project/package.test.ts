/**
 * The npm package as a user gets it: built, packed by `npm pack`, installed from the tarball into an
 * empty folder without the network, then run as `npx sgf-dmft …` and imported (and type-checked) as
 * `import { … } from 'sgf-dmft'`. The test builds the package itself, so it needs no earlier step.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { formatJson, reportFromDmft } from '../../src/core/report';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // npm_config_* of an enclosing `npm test` (its prefix, its lifecycle) must not steer the nested npm.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout: 240_000 });
}

function succeed(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

let work = '';
let consumer = '';
let packedFiles: string[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sgf-dmft-package-'));
  // What `npm pack`'s prepack script does, run first so that pack's --json output stays pure JSON.
  succeed(npm, ['run', '--silent', 'build:package'], root);
  const packed = JSON.parse(succeed(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root)) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed[0].files.map((file) => file.path);
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  succeed(npm, ['install', '--offline', '--no-audit', '--no-fund', join(work, packed[0].filename)], consumer);
}, 300_000); // the core project's test timeout: building, packing and installing exceed the 10 s hook default on a loaded machine

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const small: Partial<Params> = { horizon: 1, samples: 500, responseSamples: 100 };

describe('the packed npm package', () => {
  it('holds the built CLI, library and declarations, and no sources or tests', () => {
    expect(packedFiles).toContain('dist-node/cli.js');
    expect(packedFiles).toContain('dist-node/index.js');
    expect(packedFiles).toContain('dist-node/blockThread.cjs');
    expect(packedFiles).toContain('dist-node/types/index.d.ts');
    expect(packedFiles.filter((path) => path.startsWith('src/') || path.startsWith('test/'))).toEqual([]);
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', 'sgf-dmft', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(installed.dependencies ?? {}).toEqual({});
  });

  it('npx sgf-dmft --help prints the usage; a bad flag exits 2', () => {
    const help = run(npx, ['sgf-dmft', '--help'], consumer);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('\n  sgf-dmft sweep '); // the installed program's name, not `npm run cli`
    const bad = run(npx, ['sgf-dmft', 'theory', '--alpha', 'abc'], consumer);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--alpha "abc"/);
  });

  it('npx sgf-dmft theory prints what the solver in the sources computes, bit for bit, on the WebAssembly kernels', () => {
    const result = run(npx, ['sgf-dmft', 'theory', '--horizon', '1', '--samples', '500', '--response-samples', '100'], consumer);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(''); // no "WebAssembly SIMD kernels unavailable" warning from the bundle
    expect(result.stdout).toBe(formatJson(reportFromDmft(solveDmft({ ...defaultParams, ...small }))));
  });

  it('npx sgf-dmft theory --threads 2 runs blocks on its worker thread (the built blockThread.cjs) to the same bits', () => {
    const split: Partial<Params> = { horizon: 1, samples: 5000, responseSamples: 500 }; // three blocks, so two workers
    const result = run(npx, ['sgf-dmft', 'theory', '--horizon', '1', '--samples', '5000', '--response-samples', '500', '--threads', '2'], consumer);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(formatJson(reportFromDmft(solveDmft({ ...defaultParams, ...split }))));
  });

  it('where WebAssembly is missing (node --jitless) the bundle warns and falls back to the JavaScript kernels, same bits', () => {
    const args = ['theory', '--horizon', '1', '--samples', '500', '--response-samples', '100'];
    const bin = join(consumer, 'node_modules', 'sgf-dmft', 'dist-node', 'cli.js');
    const fallback = run(process.execPath, ['--jitless', bin, ...args], consumer);
    expect(fallback.status).toBe(0);
    expect(fallback.stderr).toMatch(/WebAssembly SIMD kernels unavailable here; using the JavaScript kernels/);
    expect(fallback.stdout).toBe(formatJson(reportFromDmft(solveDmft({ ...defaultParams, ...small }))));
  });

  it('import { solveDmft, simulate, validateParams, defaultParams } from "sgf-dmft" runs', () => {
    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { solveDmft, simulate, validateParams, defaultParams } from 'sgf-dmft';
const checked = validateParams({ ...defaultParams, ...${JSON.stringify(small)} });
if (!checked.ok) throw new Error('invalid');
const theory = solveDmft(checked.params);
const simulation = simulate({ ...checked.params, dim: 50, seeds: 2 }, 'sgd');
console.log(JSON.stringify({ kernels: theory.kernelBackend, rows: theory.table.t.length, trainLoss: theory.table.trainLoss,
  simulationRows: simulation.table.t.length, refused: validateParams({ alpha: 1e9 }).ok }));
`,
    );
    const output = JSON.parse(succeed(process.execPath, ['use.mjs'], consumer)) as Record<string, unknown>;
    const expected = solveDmft({ ...defaultParams, ...small });
    expect(output).toEqual({ kernels: 'wasm', rows: 11, trainLoss: expected.table.trainLoss, simulationRows: 11, refused: false });
  });

  it('is typed: a correct use type-checks under Node16 and bundler resolution, a wrong one does not', () => {
    writeFileSync(
      join(consumer, 'typed.ts'),
      `import { solveDmft, simulate, validateParams, defaultParams, type Params, type DmftResult, type SimulationSummary } from 'sgf-dmft';
const params: Params = { ...defaultParams, alpha: 0.5 };
const theory: DmftResult = solveDmft(params);
const simulation: SimulationSummary = simulate(params, 'gd');
const q: number[] = theory.table.q;
const checked = validateParams(params);
export const summary: [number, number, boolean] = [q.length, simulation.seeds, checked.ok];
`,
    );
    writeFileSync(
      join(consumer, 'wrong.ts'),
      `import { solveDmft, simulate, defaultParams } from 'sgf-dmft';
solveDmft({ ...defaultParams, alpha: 'two' });
simulate(defaultParams, 'adam');
export const q: string[] = solveDmft(defaultParams).table.q;
`,
    );
    for (const [module, moduleResolution] of [['node16', 'node16'], ['esnext', 'bundler']]) {
      const check = (file: string): SpawnSyncReturns<string> => {
        const config = join(consumer, `tsconfig.${moduleResolution}.${file}.json`);
        const compilerOptions = { noEmit: true, strict: true, target: 'es2022', lib: ['es2022'], types: [], module, moduleResolution };
        writeFileSync(config, JSON.stringify({ compilerOptions, files: [file] }));
        return run(process.execPath, [tsc, '-p', config], consumer);
      };
      const good = check('typed.ts');
      expect(good.stdout + good.stderr).toBe('');
      expect(good.status).toBe(0);
      const wrong = check('wrong.ts');
      expect(wrong.status).not.toBe(0);
      // One error per wrong line: the types are real, not any.
      expect(wrong.stdout.match(/wrong\.ts\(\d+,\d+\): error/g)).toHaveLength(3);
    }
  });
});
