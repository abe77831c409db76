/**
 * `npx tsx scripts/refreshReadmeExamples.ts`: runs every `$ npm run --silent cli -- …` line of the README's sh
 * blocks and writes what it prints under it (test/e2e/readme.test.ts checks that they agree).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const path = 'README.md';
const readme = readFileSync(path, 'utf8');
const refreshed = readme.replace(/```sh\n([\s\S]*?)```/g, (_block, body: string) => {
  const lines = body.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.push(line);
    if (!line.startsWith('$ npm run --silent cli -- ')) continue;
    // Drop the old output (up to the next `$` line or the block's end), then print the new one.
    while (i + 1 < lines.length && !lines[i + 1].startsWith('$ ') && lines[i + 1] !== '') i++;
    const printed = execFileSync('bash', ['-c', line.slice(2)], { encoding: 'utf8' });
    out.push(...printed.replace(/\n$/, '').split('\n'));
  }
  return '```sh\n' + out.join('\n') + '```';
});
writeFileSync(path, refreshed);
