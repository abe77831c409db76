/**
 * Where the Node tests live (issue 9 item 8): a unit test file mirrors the module it tests, test/core/<path>.test.ts
 * for src/core/<path>.ts and test/cli/<path>.test.ts for src/cli/<path>.ts; tests that compare two computations
 * of the same quantity by design (DMFT against simulation, exact theory or closed forms) live in test/agreement/;
 * whole-project checks (layering, the package, this layout) in test/project/.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const testRoot = join(root, 'test');

/** Every *.test.ts below a folder, as paths relative to it. */
function testFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return testFiles(path).map((inner) => join(name, inner));
    return name.endsWith('.test.ts') ? [name] : [];
  });
}

/** The unit test files of test/<layer> whose module src/<layer>/<path>.ts does not exist. */
function orphans(layer: 'core' | 'cli'): string[] {
  return testFiles(join(testRoot, layer)).filter((file) => !existsSync(join(root, 'src', layer, file.replace(/\.test\.ts$/, '.ts'))));
}

describe('test layout', () => {
  it('finds the test files (the scan reads what it should)', () => {
    expect(testFiles(join(testRoot, 'core'))).toContain(join('dmft', 'solver.test.ts'));
    expect(testFiles(join(testRoot, 'cli'))).toContain('args.test.ts');
    expect(testFiles(join(testRoot, 'agreement')).length).toBeGreaterThan(0);
  });

  it('each unit test file under test/core and test/cli names an existing module of src/core and src/cli', () => {
    expect(orphans('core')).toEqual([]);
    expect(orphans('cli')).toEqual([]);
  });

  it('Node tests live only in test/core, test/cli, test/agreement and test/project (the core project), besides app and e2e', () => {
    const folders = readdirSync(testRoot).filter((name) => statSync(join(testRoot, name)).isDirectory());
    const known = ['core', 'cli', 'agreement', 'project', 'app', 'e2e'];
    const stray = folders.filter((name) => !known.includes(name) && testFiles(join(testRoot, name)).length > 0);
    expect(stray.map((name) => relative(root, join(testRoot, name)))).toEqual([]);
    expect(readdirSync(testRoot).filter((name) => name.endsWith('.test.ts'))).toEqual([]);
  });
});
