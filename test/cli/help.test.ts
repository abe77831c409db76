import { describe, expect, it } from 'vitest';
import { paramFlags } from '../../src/cli/flags';
import { helpText } from '../../src/cli/help';
import { ranges, modelIds } from '../../src/core/params';
import { models } from '../../src/core/models';

describe('help text', () => {
  it('documents every flag with its range and default', () => {
    const text = helpText();
    for (const flag of paramFlags) {
      expect(text).toContain(`--${flag.name} <`);
      const range = (ranges as Record<string, { min: number; max: number } | undefined>)[flag.key];
      if (range) expect(text).toContain(`${range.min} … ${range.max}`);
    }
    expect(text).toMatch(/--alpha <number 0\.1 … 10>\n.*Default 2\./);
    expect(text).toMatch(/--beta <number 0\.05 … 1000 or inf>/);
    for (const word of ['--algo', '--format', '--continuous', 'theory', 'simulate', 'linear-exact', 'Exit codes']) expect(text).toContain(word);
  });
});

describe('committee command line', () => {
  it('--help lists --hidden, --teacher-hidden, --activation and --init-overlap', () => {
    const text = helpText();
    for (const flag of ['--hidden', '--teacher-hidden', '--activation', '--init-overlap']) expect(text).toContain(flag);
    expect(text).toContain('committee');
  });
});

describe('command line', () => {
  it('--help lists every model with its label law and loss, and the online algorithm', () => {
    const text = helpText();
    for (const id of modelIds) {
      expect(text).toContain(id);
      expect(text).toContain(models[id].summary);
    }
    expect(text).toMatch(/online/);
    expect(text).toContain('--init-overlap');
  });
});
