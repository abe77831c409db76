import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultParams, validateParams } from '../../src/core/params';
import { AdvancedSettings } from '../../src/app/controls/AdvancedSettings';
import { applyDelayMs } from '../../src/app/controls/NumberField';
import { ParameterSliders } from '../../src/app/controls/ParameterSliders';
import { RunControls } from '../../src/app/controls/RunControls';
import { RunStatus } from '../../src/app/controls/RunStatus';
import { alphaLadder, batchFractionLadder, stepLadder } from '../../src/app/controls/sliderLadders';
import { useAppStore } from '../../src/app/store';
import { endMessage, rowsMessage } from './streamFixtures';

afterEach(cleanup);
// The app's store is a singleton: every test starts from the default parameters, playing.
beforeEach(() => {
  useAppStore.getState().setParams({ ...defaultParams });
  useAppStore.getState().setPlaying(true);
});

/** Changes the store outside an event handler, letting React re-render. */
function inAct(change: () => void): void {
  act(change);
}

function indexOf(ladder: readonly number[], value: number): string {
  const index = ladder.indexOf(value);
  if (index < 0) throw new Error(`${value} is not on the ladder`);
  return String(index);
}

describe('parameter sliders', () => {
  it('are range inputs named "sample ratio α", "batch fraction b" and "step size h", showing their values', () => {
    render(<ParameterSliders />);
    const { params } = useAppStore.getState().current;
    const alpha = screen.getByRole('slider', { name: /sample ratio α/ });
    const batch = screen.getByRole('slider', { name: /batch fraction b/ });
    const step = screen.getByRole('slider', { name: /step size h/ });
    for (const slider of [alpha, batch, step]) expect(slider).toHaveProperty('type', 'range');
    expect(alpha.getAttribute('aria-valuetext')).toBe(`α = ${params.alpha}`);
    expect(batch.getAttribute('aria-valuetext')).toBe(`b = ${params.batchFraction}`);
    expect(step.getAttribute('aria-valuetext')).toBe(`h = ${params.step}`);
    expect(screen.getByText(`α = ${params.alpha}`)).toBeTruthy();
  });

  it('update the store and start a new run', () => {
    render(<ParameterSliders />);
    const runBefore = useAppStore.getState().current.runId;
    fireEvent.change(screen.getByRole('slider', { name: /sample ratio α/ }), { target: { value: indexOf(alphaLadder, 5) } });
    expect(useAppStore.getState().current.params.alpha).toBe(5);
    expect(useAppStore.getState().current.runId).toBe(runBefore + 1);
    expect(screen.getByRole('slider', { name: /sample ratio α/ }).getAttribute('aria-valuetext')).toBe('α = 5');

    fireEvent.change(screen.getByRole('slider', { name: /batch fraction b/ }), { target: { value: indexOf(batchFractionLadder, 0.5) } });
    fireEvent.change(screen.getByRole('slider', { name: /step size h/ }), { target: { value: indexOf(stepLadder, 0.2) } });
    expect(useAppStore.getState().current.params).toMatchObject({ alpha: 5, batchFraction: 0.5, step: 0.2 });
    expect(useAppStore.getState().current.runId).toBe(runBefore + 3);
  });

  it('show the noise strength κ² = h(1−b)/b beside them', () => {
    render(<ParameterSliders />);
    const noise = screen.getByRole('group', { name: /noise strength κ² = h\(1−b\)\/b = 0\.9$/ });
    expect(noise).toBeTruthy();
    fireEvent.change(screen.getByRole('slider', { name: /batch fraction b/ }), { target: { value: indexOf(batchFractionLadder, 1) } });
    expect(screen.getByRole('group', { name: /noise strength .* = 0$/ })).toBeTruthy();
    expect(screen.getByText(/full-batch gradient descent/)).toBeTruthy();
  });

  it('span only the values that can run at the other settings, up to h = 5, and say so', () => {
    render(<ParameterSliders />);
    const step = screen.getByRole('slider', { name: /step size h/ }) as HTMLInputElement;
    const [low, high] = [Number(step.min), Number(step.max)];
    const params = useAppStore.getState().current.params;
    for (let index = low; index <= high; index++) expect(validateParams({ ...params, step: stepLadder[index] }).ok, `h = ${stepLadder[index]}`).toBe(true);
    expect(low).toBeGreaterThan(0);
    expect(validateParams({ ...params, step: stepLadder[low - 1] }).ok).toBe(false);
    expect(stepLadder[high]).toBe(5);
    expect(screen.getByText(new RegExp(`\\(${stepLadder[low]} to 5 at the other settings\\)`))).toBeTruthy();
    // A shorter horizon lets smaller steps run: the slider reaches further down.
    inAct(() => void useAppStore.getState().setParams({ horizon: 1 }));
    expect(Number(step.min)).toBeLessThan(low);
  });

  it('step through nice values covering the allowed ranges', () => {
    expect(alphaLadder).toContain(2);
    expect(alphaLadder[0]).toBe(0.1);
    expect(alphaLadder.at(-1)).toBe(10);
    expect(batchFractionLadder).toContain(0.1);
    expect(batchFractionLadder.at(-1)).toBe(1);
    expect(stepLadder).toContain(0.1);
    for (const ladder of [alphaLadder, batchFractionLadder, stepLadder]) {
      for (let i = 1; i < ladder.length; i++) expect(ladder[i]).toBeGreaterThan(ladder[i - 1]);
    }
  });
});

describe('advanced settings', () => {
  it('is a disclosure with the model and the numeric parameters', () => {
    const { container } = render(<AdvancedSettings />);
    expect(container.querySelector('details')).not.toBeNull();
    for (const name of [/model/, /ridge λ/, /horizon T/, /teacher sharpness β/, /initial weights σ₀/, /simulation dimension d/, /simulation seeds/, /theory samples N/, /master seed/]) {
      expect(screen.getByLabelText(name)).toBeTruthy();
    }
  });

  it('applies valid values and explains invalid ones without applying them', () => {
    render(<AdvancedSettings />);
    const ridge = screen.getByLabelText(/ridge λ/);
    fireEvent.change(ridge, { target: { value: '0.05' } });
    fireEvent.keyDown(ridge, { key: 'Enter' });
    expect(useAppStore.getState().current.params.ridge).toBe(0.05);
    const runId = useAppStore.getState().current.runId;
    fireEvent.change(ridge, { target: { value: '-3' } });
    fireEvent.keyDown(ridge, { key: 'Enter' });
    expect(useAppStore.getState().current.params.ridge).toBe(0.05);
    expect(useAppStore.getState().current.runId).toBe(runId);
    expect(ridge.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/ridge must be a number from 0 to 10/);
  });

  it('switches the teacher field with the model', () => {
    render(<AdvancedSettings />);
    fireEvent.change(screen.getByLabelText(/model/), { target: { value: 'linear' } });
    expect(useAppStore.getState().current.params.model).toBe('linear');
    expect(screen.getByLabelText(/label noise σ_ε/)).toBeTruthy();
    expect(screen.queryByLabelText(/teacher sharpness β/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/model/), { target: { value: 'logistic' } });
    fireEvent.click(screen.getByLabelText(/sign teacher/));
    expect(useAppStore.getState().current.params.beta).toBe(Infinity);
  });

  it('lowering the theory samples below the response subset still applies', () => {
    render(<AdvancedSettings />);
    fireEvent.change(screen.getByLabelText(/theory samples N/), { target: { value: '500' } });
    fireEvent.blur(screen.getByLabelText(/theory samples N/));
    expect(useAppStore.getState().current.params).toMatchObject({ samples: 500, responseSamples: 500 });
  });

  it('typing runs nothing: d = 2000 typed key by key starts one run, on Enter', () => {
    render(<AdvancedSettings />);
    const dim = screen.getByLabelText(/simulation dimension d/);
    const runId = useAppStore.getState().current.runId;
    for (const text of ['2', '20', '200', '2000']) fireEvent.change(dim, { target: { value: text } });
    expect(useAppStore.getState().current.runId).toBe(runId);
    expect(useAppStore.getState().current.params.dim).toBe(defaultParams.dim);
    fireEvent.keyDown(dim, { key: 'Enter' });
    expect(useAppStore.getState().current.params.dim).toBe(2000);
    expect(useAppStore.getState().current.runId).toBe(runId + 1);
  });

  it('applies a typed value after a pause in typing, once', () => {
    vi.useFakeTimers();
    try {
      render(<AdvancedSettings />);
      const horizon = screen.getByLabelText(/horizon T/);
      const runId = useAppStore.getState().current.runId;
      fireEvent.change(horizon, { target: { value: '2' } });
      act(() => vi.advanceTimersByTime(applyDelayMs / 2));
      fireEvent.change(horizon, { target: { value: '20' } });
      act(() => vi.advanceTimersByTime(applyDelayMs / 2));
      expect(useAppStore.getState().current.runId).toBe(runId);
      act(() => vi.advanceTimersByTime(applyDelayMs));
      expect(useAppStore.getState().current.params.horizon).toBe(20);
      expect(useAppStore.getState().current.runId).toBe(runId + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks a refused value again when another parameter changes, and applies it on Enter once allowed', () => {
    inAct(() => useAppStore.getState().setParams({ step: 0.05 }));
    render(<AdvancedSettings />);
    const horizon = screen.getByLabelText(/horizon T/);
    fireEvent.change(horizon, { target: { value: '60' } }); // 1200 steps of h = 0.05: more work than allowed
    fireEvent.keyDown(horizon, { key: 'Enter' });
    expect(useAppStore.getState().current.params.horizon).toBe(defaultParams.horizon);
    expect(horizon.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/lower/);
    inAct(() => useAppStore.getState().setParams({ step: 0.1 })); // 600 steps: allowed now
    expect(horizon.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/not applied yet: press Enter/)).toBeTruthy();
    expect((horizon as HTMLInputElement).value).toBe('60');
    fireEvent.keyDown(horizon, { key: 'Enter' });
    expect(useAppStore.getState().current.params.horizon).toBe(60);
    expect(screen.queryByText(/not applied yet/)).toBeNull();
  });

  it('shows β empty, never "Infinity", for the sign teacher, and 1 once it is unticked', () => {
    inAct(() => useAppStore.getState().setParams({ beta: Infinity }));
    render(<AdvancedSettings />);
    const beta = screen.getByLabelText(/teacher sharpness β/) as HTMLInputElement;
    const shown: string[] = [beta.value];
    const observer = new MutationObserver(() => shown.push(beta.value));
    observer.observe(beta, { attributes: true });
    fireEvent.click(screen.getByLabelText(/sign teacher/));
    observer.disconnect();
    expect(useAppStore.getState().current.params.beta).toBe(1);
    expect(beta.value).toBe('1');
    expect(shown).not.toContain('Infinity');
  });
});

describe('run controls and status', () => {
  it('play/pause, restart and new seed act on the store', () => {
    render(<RunControls />);
    const runId = useAppStore.getState().current.runId;
    fireEvent.click(screen.getByRole('button', { name: /restart/i }));
    expect(useAppStore.getState().current.runId).toBe(runId + 1);
    const seed = useAppStore.getState().current.params.seed;
    fireEvent.click(screen.getByRole('button', { name: /new seed/i }));
    expect(useAppStore.getState().current.params.seed).toBe(seed + 1);
    fireEvent.click(screen.getByRole('button', { name: /pause/i }));
    expect(useAppStore.getState().playing).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /play/i }));
    expect(useAppStore.getState().playing).toBe(true);
  });

  it('says what is running, and 100% for both when done', () => {
    render(<RunStatus />);
    inAct(() => useAppStore.getState().setParams({ seeds: 1, horizon: 1, step: 0.1 }));
    const runId = useAppStore.getState().current.runId;
    const status = () => screen.getByRole('status').textContent;
    expect(status()).toBe('theory 0% · simulations 0%');
    const { receive, flushResults } = useAppStore.getState();
    inAct(() => {
      receive(rowsMessage(runId, 'theory', 6));
      flushResults();
    });
    // Two theories (the SGF's, then SGD's): half of the first is a quarter of the theory.
    expect(status()).toBe('theory 25% · simulations 0%');
    inAct(() => {
      receive(endMessage(runId, 'theory'));
      receive(rowsMessage(runId, 'sgdTheory', 11));
      receive(endMessage(runId, 'sgdTheory'));
      for (const source of ['sgf', 'sgd'] as const) {
        receive(rowsMessage(runId, source, 11));
        receive(endMessage(runId, source));
      }
      flushResults();
    });
    expect(status()).toBe('theory 100% · simulations 100%');
  });

  it('shows a failed job with a retry button', () => {
    render(<RunStatus />);
    const runId = useAppStore.getState().current.runId;
    inAct(() => {
      useAppStore.getState().fail(runId, 'sgd', 'worker crashed');
      useAppStore.getState().flushResults();
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/SGD simulation failed: worker crashed/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(useAppStore.getState().current.runId).toBe(runId + 1);
  });
});
