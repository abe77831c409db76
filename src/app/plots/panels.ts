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
  /**
   * What the panel says for the committee machine, whose single-index columns hold permutation-invariant summaries
   * (core/committee/observableRow.ts): its texts, and its quantities' labels in order.
   */
  committee?: Pick<PanelSpec, 'title' | 'ariaLabel' | 'yLabel' | 'yShortLabel'> & { quantityLabels: readonly string[] };
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
    committee: {
      title: 'Overlap with the teacher (mean over units)',
      ariaLabel: 'mean overlap M and mean cosine vs time',
      yLabel: 'mean M_ab, mean cosine M_ab/√q_aa',
      yShortLabel: 'M̄, cos',
      quantityLabels: ['mean overlap M_ab', 'mean cosine M_ab/√q_aa'],
    },
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
    committee: {
      title: 'Squared norm per unit',
      ariaLabel: 'mean squared norm tr q / p vs time',
      yLabel: 'tr q / p = mean |θ^a|²/d',
      yShortLabel: 'tr q/p',
      quantityLabels: ['norm tr q / p'],
    },
  },
];

/** Label of the time axis, shared by every plot. */
export const timeAxisLabel = 'time t (continuous-time units, t = k·h)';
/** The time axis's label where the full one does not fit. */
export const timeAxisShortLabel = 'time t';

/** The panel as the committee machine shows it: its own texts where it has them. */
export function committeePanel(spec: PanelSpec): PanelSpec {
  if (!spec.committee) return spec;
  const { quantityLabels, ...texts } = spec.committee;
  return { ...spec, ...texts, quantities: spec.quantities.map((quantity, index) => ({ ...quantity, label: quantityLabels[index] ?? quantity.label })) };
}

/** The committee machine's matrices panel (committee/CommitteePanel.tsx): its `plots=` name and data-panel id. */
export const committeePanelId = 'committee';
