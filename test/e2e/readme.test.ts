/**
 * The README's command-line examples are what the code prints: every `$ npm run --silent cli -- …` line
 * in a sh block is run in a shell at the repository root, and its output must equal the lines under it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './browserHarness';

interface Example {
  command: string;
  output: string;
}

/** The `$ command` lines of the README's sh blocks, each with the lines printed below it (up to the next `$` or the block's end). */
export function readmeExamples(readme: string): Example[] {
  const examples: Example[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let current: Example | null = null;
    for (const line of block[1].split('\n')) {
      if (line.startsWith('$ ')) {
        current = { command: line.slice(2), output: '' };
        examples.push(current);
      } else if (current && line !== '') current.output += `${line}\n`;
    }
  }
  return examples.filter((example) => example.command.startsWith('npm run --silent cli -- '));
}

describe('the README', () => {
  const examples = readmeExamples(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'));

  it('has command-line examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((example) => [example.command, example] as const))('prints what `%s` prints', (_command, example) => {
    const printed = execFileSync('bash', ['-c', example.command], { cwd: repositoryRoot, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
    expect(printed).toBe(example.output);
  });
});
