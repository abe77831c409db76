/**
 * Source scan: no string ever becomes code or markup. Nothing in src/ or workers/ calls eval,
 * new Function / Function(), string timers or innerHTML-style writes, and React's
 * dangerouslySetInnerHTML appears only in Formula.tsx, which renders KaTeX output of TeX written in
 * our own source (never user text) with KaTeX's `trust` left off. (The built bundle, dependencies
 * included, is scanned in test/e2e/reliability.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findUnsafeCode } from './codeScan';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'workers'))];

describe('source scan', () => {
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((file) => file.endsWith('main.tsx'))).toBe(true);
  });

  it('has no eval, new Function, Function(), string timers or innerHTML writes', () => {
    const findings = files.flatMap((file) => findUnsafeCode(readFileSync(file, 'utf8')).map((finding) => `${relative(root, file)}:${finding.line} ${finding.rule}: ${finding.excerpt}`));
    expect(findings).toEqual([]);
  });

  it('uses dangerouslySetInnerHTML only for KaTeX in Formula.tsx, without trust', () => {
    const users = files.filter((file) => readFileSync(file, 'utf8').includes('dangerouslySetInnerHTML')).map((file) => relative(root, file));
    expect(users).toEqual([join('src', 'app', 'controls', 'Formula.tsx')]);
    const formula = readFileSync(join(root, 'src/app/controls/Formula.tsx'), 'utf8');
    expect(formula).toMatch(/katex\.renderToString\(/);
    expect(formula).not.toMatch(/trust\s*:\s*true/);
  });

  it('the scanner catches what it looks for, and not property names', () => {
    expect(findUnsafeCode('const f = new Function("return 1")').map((f) => f.rule)).toContain('new Function');
    expect(findUnsafeCode('x = eval (code)').map((f) => f.rule)).toEqual(['eval']);
    expect(findUnsafeCode('Function("a", "b")').map((f) => f.rule)).toEqual(['Function()']);
    expect(findUnsafeCode('setTimeout("alert(1)", 5)').map((f) => f.rule)).toEqual(['string timer']);
    expect(findUnsafeCode('el.innerHTML = text').map((f) => f.rule)).toEqual(['innerHTML write']);
    expect(findUnsafeCode('parser.callFunction(x); a.eval(y); parseFunction(z); if (el.innerHTML === s) {}')).toEqual([]);
  });
});
