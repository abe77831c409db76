import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultParams, dtRange, ranges } from '../../src/core/params';
import { AdvancedSettings } from '../../src/app/controls/AdvancedSettings';
import { useAppStore } from '../../src/app/store';

afterEach(cleanup);
beforeEach(() => {
  useAppStore.getState().setParams({ ...defaultParams });
});

function enter(field: HTMLElement, value: string): void {
  fireEvent.change(field, { target: { value } });
  fireEvent.keyDown(field, { key: 'Enter' });
}

describe('the grid step Δt field', () => {
  it('shows Δt = h by default with its range, applies a finer Δt, and h itself makes Δt follow h again', () => {
    render(<AdvancedSettings />);
    const dt = screen.getByLabelText(/grid step Δt \(≤ h\)/) as HTMLInputElement;
    expect(dt.title).toContain(`from ${dtRange.min} to h`);
    expect(dt.min).toBe(String(dtRange.min));
    expect(Number(dt.value)).toBe(defaultParams.step);
    expect(dt.max).toBe(String(defaultParams.step));
    enter(dt, String(defaultParams.step / 4));
    expect(useAppStore.getState().current.params.dt).toBe(defaultParams.step / 4);
    enter(dt, String(defaultParams.step));
    expect(useAppStore.getState().current.params.dt).toBeNull();
  });

  it('refuses a Δt above h with the validator’s message, running nothing', () => {
    render(<AdvancedSettings />);
    const runId = useAppStore.getState().current.runId;
    const dt = screen.getByLabelText(/grid step Δt/);
    enter(dt, String(defaultParams.step * 2));
    expect(useAppStore.getState().current.params.dt).toBeNull();
    expect(useAppStore.getState().current.runId).toBe(runId);
    expect(dt.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain(`dt must not exceed the step size h = ${defaultParams.step}`);
  });
});

describe('the response estimator and its samples', () => {
  it('offers every estimator, the exact one only where the validator allows it (the linear model)', () => {
    render(<AdvancedSettings />);
    const estimator = screen.getByLabelText(/response estimator/) as HTMLSelectElement;
    const options = [...estimator.options];
    expect(options.map((option) => option.value)).toEqual(['auto', 'pathwise', 'stein', 'exact']);
    const exact = options.find((option) => option.value === 'exact')!;
    expect(exact.disabled).toBe(true);
    expect(exact.title).toBe('estimator exact exists only for the linear model');
    fireEvent.change(estimator, { target: { value: 'pathwise' } });
    expect(useAppStore.getState().current.params.estimator).toBe('pathwise');
    fireEvent.change(screen.getByLabelText(/model/), { target: { value: 'linear' } });
    expect((screen.getByRole('option', { name: /exact \(linear model\)/ }) as HTMLOptionElement).disabled).toBe(false);
    fireEvent.change(estimator, { target: { value: 'exact' } });
    expect(useAppStore.getState().current.params.estimator).toBe('exact');
    // Back to a model without it: the estimator falls back to the automatic choice rather than refusing the model.
    fireEvent.change(screen.getByLabelText(/model/), { target: { value: 'logistic' } });
    expect(useAppStore.getState().current.params).toMatchObject({ model: 'logistic', estimator: 'auto' });
  });

  it('has a response-samples field with its range that applies whole numbers and explains others', () => {
    render(<AdvancedSettings />);
    const field = screen.getByLabelText(/response samples N_R/) as HTMLInputElement;
    expect(field.min).toBe(String(ranges.responseSamples.min));
    expect(field.title).toContain(`(${ranges.responseSamples.min} … ${ranges.responseSamples.max}, whole)`);
    expect(Number(field.value)).toBe(defaultParams.responseSamples);
    enter(field, '1500');
    expect(useAppStore.getState().current.params.responseSamples).toBe(1500);
    enter(field, '2.5');
    expect(useAppStore.getState().current.params.responseSamples).toBe(1500);
    expect(screen.getByRole('alert').textContent).toMatch(/responseSamples/);
  });

  it('keeps the initial-overlap field for the models that need it', () => {
    render(<AdvancedSettings />);
    expect(screen.queryByLabelText(/initial overlap/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/model/), { target: { value: 'phase-retrieval' } });
    expect(screen.getByLabelText(/initial overlap/)).toBeTruthy();
    expect(screen.getByLabelText(/initial weights σ₀/)).toBeTruthy();
    expect(screen.getByLabelText(/SGD batches/)).toBeTruthy();
  });
});
