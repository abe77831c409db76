/**
 * Finds code that turns strings into code or markup: eval, new Function / Function(), string timers,
 * innerHTML-style writes. Used on our sources (test/app/sourceSafety.test.ts) and on the built
 * bundle (test/e2e/reliability.test.ts). Property accesses such as `parser.callFunction(` or
 * `x.eval(` do not count (the look-behind excludes a preceding `.`, `$` or word character).
 */
export interface UnsafeFinding {
  rule: string;
  /** 1-based line of the match. */
  line: number;
  excerpt: string;
}

export const unsafeCodeRules: readonly { rule: string; pattern: RegExp }[] = [
  { rule: 'eval', pattern: /(?<![\w$.])eval\s*\(/g },
  { rule: 'new Function', pattern: /\bnew\s+Function\s*\(/g },
  { rule: 'Function()', pattern: /(?<![\w$.])Function\s*\(/g },
  { rule: 'string timer', pattern: /(?<![\w$])set(?:Timeout|Interval)\s*\(\s*['"`]/g },
  { rule: 'innerHTML write', pattern: /\.(?:inner|outer)HTML\s*[+]?=(?!=)/g },
  { rule: 'insertAdjacentHTML', pattern: /\.insertAdjacentHTML\s*\(/g },
  { rule: 'document.write', pattern: /\bdocument\.write(?:ln)?\s*\(/g },
];

/** Rules that turn a string into code: what a CSP without 'unsafe-eval' forbids (the bundle check). */
export const codeFromStringRules = ['eval', 'new Function', 'Function()', 'string timer'] as const;

/** Findings of the given rules (all by default). */
export function findUnsafeCode(text: string, rules: readonly string[] = unsafeCodeRules.map((entry) => entry.rule)): UnsafeFinding[] {
  const findings: UnsafeFinding[] = [];
  for (const { rule, pattern } of unsafeCodeRules.filter((entry) => rules.includes(entry.rule))) {
    for (const match of text.matchAll(pattern)) {
      const index = match.index ?? 0;
      findings.push({
        rule,
        line: text.slice(0, index).split('\n').length,
        excerpt: text.slice(Math.max(0, index - 40), index + 40).replace(/\s+/g, ' '),
      });
    }
  }
  return findings;
}
