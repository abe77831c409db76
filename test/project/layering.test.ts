/**
 * The layers of the code (design.md, issue 9 item 3): `src/core` is pure (no app, no pipeline, no React, no DOM
 * globals in its imports); the workers and the run pipeline (`src/pipeline`) import only `src/core` and the
 * pipeline, never `src/app`. Read from the sources' import statements.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports (static, dynamic, re-exports), resolved to a path relative to the repository, or the package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)) : specifier));
}

function offending(directory: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(join(root, directory)).flatMap((file) => importsOf(file).filter(forbidden).map((target) => `${relative(root, file)} imports ${target}`));
}

describe('layering', () => {
  it('finds imports (the scan reads what it should)', () => {
    expect(importsOf(join(root, 'workers/dmft.worker.ts'))).toEqual(expect.arrayContaining(['src/pipeline/protocol', 'src/core/dmft/solver']));
  });

  it('src/core imports nothing of the app, the pipeline, React or the DOM', () => {
    expect(offending('src/core', (target) => /^src\/(app|pipeline)\//.test(target) || /^(react|react-dom|d3)(\/|$)/.test(target))).toEqual([]);
  });

  it('the workers and the run pipeline import nothing of src/app', () => {
    expect([...offending('workers', (target) => target.startsWith('src/app/')), ...offending('src/pipeline', (target) => target.startsWith('src/app/'))]).toEqual([]);
  });
});
