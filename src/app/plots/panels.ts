/** Which plots the app shows and what each one draws. */
import type { ValueName } from '../seedAggregate';

export interface QuantitySpec {
  /** Series column. */
  name: ValueName;
  /** Name in legends and tooltips. */
  label: string;
  /** Short name in the hover readout of a two-quantity plot. */
  shortLabel: string;
  /** Drawn dashed (the second quantity of a panel). */
  dashed: boolean;
}

export interface PanelSpec {
  id: string;
  /** Visible title. */
  title: string;
  /** Accessible name of the plot, naming the quantity. */
  ariaLabel: string;
  /** Label of the y axis. */
  yLabel: string;
  /** Shorter label of the y axis, for plots too low for `yLabel`. */
  yShortLabel: string;
  /** One or two quantities sharing the y axis. */
  quantities: readonly QuantitySpec[];
  /** Offers a log-scale toggle (losses). */
  logToggle: boolean;
  /** Shown only for classification models. */
  classifierOnly: boolean;
}

export const panels: readonly PanelSpec[] = [
  {
    id: 'trainLoss',
    title: 'Train loss',
    ariaLabel: 'train loss vs time',
    yLabel: 'train loss L(t)',
    yShortLabel: 'L(t)',
    quantities: [{ name: 'trainLoss', label: 'train loss', shortLabel: 'train', dashed: false }],
    logToggle: true,
    classifierOnly: false,
  },
  {
    id: 'testLoss',
    title: 'Test loss',
    ariaLabel: 'test loss vs time',
    yLabel: 'test loss',
    yShortLabel: 'loss',
    quantities: [{ name: 'testLoss', label: 'test loss', shortLabel: 'test', dashed: false }],
    logToggle: true,
    classifierOnly: false,
  },
  {
    id: 'error',
    title: 'Classification error',
    ariaLabel: 'test error and train error vs time',
    yLabel: 'fraction misclassified',
    yShortLabel: 'error',
    quantities: [
      { name: 'testError', label: 'test error', shortLabel: 'test', dashed: false },
      { name: 'trainError', label: 'train error', shortLabel: 'train', dashed: true },
    ],
    logToggle: false,
    classifierOnly: true,
  },
  {
    id: 'overlap',
    title: 'Overlap with the teacher',
    ariaLabel: 'overlap m and cosine vs time',
    yLabel: 'overlap m, cosine',
    yShortLabel: 'm, cos',
    quantities: [
      { name: 'm', label: 'overlap m', shortLabel: 'm', dashed: false },
      { name: 'cosine', label: 'cosine m/√q', shortLabel: 'cos', dashed: true },
    ],
    logToggle: false,
    classifierOnly: false,
  },
  {
    id: 'norm',
    title: 'Squared norm',
    ariaLabel: 'norm q vs time',
    yLabel: 'q = |θ|²/d',
    yShortLabel: 'q',
    quantities: [{ name: 'q', label: 'norm q', shortLabel: 'q', dashed: false }],
    logToggle: false,
    classifierOnly: false,
  },
];

/** Label of the time axis, shared by every plot. */
export const timeAxisLabel = 'time t (continuous-time units, t = k·h)';
/** The time axis's label where the full one does not fit. */
export const timeAxisShortLabel = 'time t';
