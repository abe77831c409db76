/**
 * Image exports of the plots: SVG (the drawn SVG cloned with its computed styles written inline, so
 * the file looks the same outside the page) and PNG (that SVG drawn on an offscreen canvas through a
 * blob: image, which a strict CSP `img-src 'self' data: blob:` allows). Each plot is exported with its
 * title and a legend; the whole figure keeps the plots where the page lays them out.
 *
 * Styles are set through the CSSOM (element.style), never as style="" text, so no CSP forbids them.
 */
import { getModel } from '../core/models';
import { paramTable } from '../core/paramTable';
import { gridStep } from '../core/params';
import { formatNumber } from './format';
import { sourceReadingOrder, type SourceKind } from '../pipeline/protocol';
import type { RunSnapshot } from './runResults';
import { seriesStyles } from './seriesStyles';

const svgNamespace = 'http://www.w3.org/2000/svg';

/** Computed properties copied inline onto every exported element. */
const styleProperties = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

/** Margin around an exported image. */
const padding = 12;

export interface SvgImage {
  /** Standalone SVG document text. */
  text: string;
  width: number;
  height: number;
}

function element<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNamespace, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** Copies the computed styles of `source` and its descendants onto `target` (a clone of it). */
function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = (target as SVGElement).style;
  if (style) {
    for (const property of styleProperties) {
      const value = computed.getPropertyValue(property);
      if (value) style.setProperty(property, value);
    }
  }
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length && i < targetChildren.length; i++) inlineStyles(sourceChildren[i], targetChildren[i]);
}

/** A copy of a drawn plot with inline styles, without the hover crosshair. */
function clonePlot(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.querySelectorAll('.crosshair').forEach((node) => node.remove());
  clone.removeAttribute('class');
  return clone;
}

/** Colour of a source as the page draws it now, resolved (the theme's light-dark() values are not colours yet). */
function sourceColor(source: SourceKind): string {
  const probe = document.createElement('span');
  probe.style.color = `var(--series-${source})`;
  document.documentElement.appendChild(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || seriesStyles[source].color;
}

interface Palette {
  background: string;
  ink: string;
  font: string;
}

function paletteOf(reference: Element): Palette {
  const panel = reference.closest('.panel') ?? reference;
  const computed = getComputedStyle(panel);
  const background = computed.backgroundColor && computed.backgroundColor !== 'rgba(0, 0, 0, 0)' ? computed.backgroundColor : '#ffffff';
  return { background, ink: computed.color || '#1a1a1a', font: computed.fontFamily || 'sans-serif' };
}

function text(content: string, x: number, y: number, palette: Palette, size: number, weight = 400): SVGTextElement {
  const node = element('text', { x, y });
  node.style.setProperty('fill', palette.ink);
  node.style.setProperty('font-family', palette.font);
  node.style.setProperty('font-size', `${size}px`);
  node.style.setProperty('font-weight', String(weight));
  node.textContent = content;
  return node;
}

/** Widths of text as it will be drawn, measured on a hidden probe in the page (estimated where text has no metrics). */
type Measure = (content: string, size: number, weight?: number) => number;

function withMeasure<T>(palette: Palette, use: (measure: Measure) => T): T {
  const host = element('svg', { width: 0, height: 0, 'aria-hidden': 'true' });
  host.style.setProperty('position', 'absolute');
  host.style.setProperty('visibility', 'hidden');
  const probe = text('', 0, 0, palette, 12);
  host.append(probe);
  document.body.append(host);
  try {
    return use((content, size, weight = 400) => {
      probe.style.setProperty('font-size', `${size}px`);
      probe.style.setProperty('font-weight', String(weight));
      probe.textContent = content;
      const measured = typeof probe.getComputedTextLength === 'function' ? probe.getComputedTextLength() : 0;
      return measured > 0 ? measured : content.length * size * 0.62;
    });
  } finally {
    host.remove();
  }
}

/** `content` broken at spaces into lines no wider than `width` (a single longer word stays whole). */
function wrap(content: string, width: number, measure: Measure, size: number, weight = 400): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of content.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, size, weight) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines of text from `y` (the first baseline) down, `leading` apart; returns the group and the y below it. */
function textBlock(lines: readonly string[], x: number, y: number, palette: Palette, size: number, weight: number, leading: number): { node: SVGGElement; bottom: number } {
  const group = element('g');
  lines.forEach((line, i) => group.append(text(line, x, y + i * leading, palette, size, weight)));
  return { node: group, bottom: y + (lines.length - 1) * leading + leading * 0.45 };
}

const legendSize = 12;
const legendLeading = 18;

/** Legend entries (a swatch per source, then each note), wrapped into rows no wider than `width`; returns the group and its height. */
function legend(sources: readonly SourceKind[], notes: readonly string[], x: number, y: number, width: number, palette: Palette, measure: Measure): { node: SVGGElement; height: number } {
  const group = element('g', { transform: `translate(${x},${y})` });
  let offset = 0;
  let row = 0;
  const place = (itemWidth: number): [number, number] => {
    if (offset > 0 && offset + itemWidth > width) {
      offset = 0;
      row += 1;
    }
    const at: [number, number] = [offset, row * legendLeading];
    offset += itemWidth + 16;
    return at;
  };
  for (const source of sources) {
    const color = sourceColor(source);
    const label = seriesStyles[source].label;
    const [left, top] = place(32 + measure(label, legendSize));
    const swatch = element('g', { transform: `translate(${left},${top})` });
    if (source === 'sgf') swatch.append(element('rect', { x: 0, y: -5, width: 26, height: 10, fill: color, 'fill-opacity': 0.22 }));
    if (source === 'sgd') swatch.append(element('path', { d: 'M13,-5.5l5.5,5.5l-5.5,5.5l-5.5,-5.5z', fill: color }));
    else swatch.append(element('line', { x1: 0, x2: 26, y1: 0, y2: 0, stroke: color, 'stroke-width': seriesStyles[source].lineWidth, 'stroke-opacity': seriesStyles[source].lineOpacity }));
    swatch.append(text(label, 32, 4, palette, legendSize));
    group.append(swatch);
  }
  // Each note starts a row of its own and wraps within the width.
  for (const note of notes) {
    if (offset > 0) row += 1;
    offset = 0;
    for (const line of wrap(note, width, measure, legendSize)) {
      group.append(text(line, 0, row * legendLeading + 4, palette, legendSize));
      row += 1;
    }
  }
  const rows = offset > 0 ? row + 1 : row;
  return { node: group, height: rows * legendLeading };
}

/** Sources drawn (fresh or stale) somewhere inside `root`, in legend order. */
function drawnSources(root: Element): SourceKind[] {
  return sourceReadingOrder.filter((source) => root.querySelector(`[data-series="${source}"]`) !== null);
}

function finish(root: SVGSVGElement, width: number, height: number): SvgImage {
  root.setAttribute('xmlns', svgNamespace);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const serialized = new XMLSerializer().serializeToString(root);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${serialized}\n`, width, height };
}

/** Title of a parameter set, for the heading of every exported image: the model and every parameter that shapes the curves. */
export function parameterSummary(params: RunSnapshot['params']): string {
  // The model's own parameters (β or σ_ε), with their symbols from the parameter table.
  const own = getModel(params.model).ownParameters.map((key) => `${paramTable[key].symbol} = ${formatNumber(Number(params[key]))}`);
  const parts = [
    params.model,
    `α = ${formatNumber(params.alpha)}`,
    `b = ${formatNumber(params.batchFraction)}`,
    `h = ${formatNumber(params.step)}`,
    `Δt = ${formatNumber(gridStep(params))}`,
    `T = ${formatNumber(params.horizon)}`,
    `λ = ${formatNumber(params.ridge)}`,
    ...own,
    ...(params.initScale > 0 ? [`σ₀ = ${formatNumber(params.initScale)}`] : []),
    `d = ${params.dim}`,
    `N = ${params.samples}`,
    `seed ${params.seed}`,
  ];
  return parts.join(', ');
}

interface PanelParts {
  svg: SVGSVGElement;
  title: string;
  /** The quantity key and the divergence notes of the plot's legend. */
  notes: string[];
}

function partsOf(panel: Element): PanelParts | null {
  const svg = panel.querySelector<SVGSVGElement>('svg[role="img"]');
  if (!svg) return null;
  const title = panel.querySelector('h2')?.textContent ?? '';
  const notes = [...panel.querySelectorAll('.legend-styles, .legend-divergence')].map((note) => note.textContent ?? '').filter((note) => note !== '');
  return { svg, title, notes };
}

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  return { width: Number(svg.getAttribute('width')) || svg.clientWidth, height: Number(svg.getAttribute('height')) || svg.clientHeight };
}

/** One plot (a `figure.panel` element) as a standalone SVG: title, parameters, legend and the plot, every line wrapped to the plot's width. */
export function plotSvg(panel: Element, heading: string): SvgImage {
  const parts = partsOf(panel);
  if (!parts) throw new Error('this plot has nothing drawn yet');
  const palette = paletteOf(panel);
  const { width, height } = sizeOf(parts.svg);
  const totalWidth = width + 2 * padding;
  const root = element('svg');
  const background = element('rect', { width: totalWidth, fill: palette.background });
  root.append(background);
  const plotTop = withMeasure(palette, (measure) => {
    const title = textBlock(wrap(parts.title, width, measure, 16, 650), padding, 20, palette, 16, 650, 20);
    const summary = textBlock(wrap(heading, width, measure, 12), padding, title.bottom + 16, palette, 12, 400, 15);
    const key = legend(drawnSources(panel), parts.notes, padding, summary.bottom + 16, width, palette, measure);
    root.append(title.node, summary.node, key.node);
    return summary.bottom + 16 + key.height;
  });
  const plot = clonePlot(parts.svg);
  plot.setAttribute('x', String(padding));
  plot.setAttribute('y', String(Math.ceil(plotTop)));
  root.append(plot);
  const totalHeight = Math.ceil(plotTop) + height + padding;
  background.setAttribute('height', String(totalHeight));
  return finish(root, totalWidth, totalHeight);
}

/** Every plot of the grid as one SVG, laid out as on the page, under a heading and one legend (both wrapped to the figure's width). */
export function figureSvg(grid: Element, heading: string): SvgImage {
  const panels = [...grid.querySelectorAll('figure.panel')].filter((panel) => partsOf(panel) !== null);
  if (panels.length === 0) throw new Error('no plot is drawn yet');
  const palette = paletteOf(panels[0]);
  const gridBox = grid.getBoundingClientRect();
  const placed = panels.map((panel) => {
    const parts = partsOf(panel)!;
    const box = parts.svg.getBoundingClientRect();
    return { parts, x: box.left - gridBox.left, y: box.top - gridBox.top, ...sizeOf(parts.svg) };
  });
  const minY = Math.min(...placed.map((entry) => entry.y));
  const minX = Math.min(...placed.map((entry) => entry.x));
  const width = Math.ceil(Math.max(...placed.map((entry) => entry.x - minX + entry.width)) + 2 * padding);
  const root = element('svg');
  const background = element('rect', { width, fill: palette.background });
  root.append(background);
  const height = withMeasure(palette, (measure) => {
    const title = textBlock(wrap(heading, width - 2 * padding, measure, 15, 650), padding, 20, palette, 15, 650, 19);
    const key = legend(drawnSources(grid), [], padding, title.bottom + 16, width - 2 * padding, palette, measure);
    // Above each plot: its title and its notes, wrapped to the plot's width, ending just above it.
    const above = placed.map((entry) => [
      { lines: wrap(entry.parts.title, entry.width, measure, 14, 650), size: 14, weight: 650 },
      ...entry.parts.notes.map((note) => ({ lines: wrap(note, entry.width, measure, 12), size: 12, weight: 400 })),
    ]);
    const aboveHeight = above.map((blocks) => blocks.reduce((sum, block) => sum + block.lines.length * 15, 0) + 6);
    const firstRow = placed.map((entry, i) => (entry.y === minY ? aboveHeight[i] : 0));
    const top = title.bottom + 16 + key.height + Math.max(...firstRow);
    root.append(title.node, key.node);
    placed.forEach((entry, i) => {
      const x = padding + entry.x - minX;
      const y = top + entry.y - minY;
      let baseline = y - aboveHeight[i] + 12;
      for (const block of above[i]) {
        const lines = textBlock(block.lines, x, baseline, palette, block.size, block.weight, 15);
        root.append(lines.node);
        baseline += block.lines.length * 15;
      }
      const plot = clonePlot(entry.parts.svg);
      plot.setAttribute('x', String(x));
      plot.setAttribute('y', String(y));
      root.append(plot);
    });
    return Math.ceil(top + Math.max(...placed.map((entry) => entry.y - minY + entry.height)) + padding);
  });
  background.setAttribute('height', String(height));
  return finish(root, width, height);
}

/** Renders an SVG image to a PNG blob at `scale` × its size, on an offscreen canvas. */
export async function svgToPng(image: SvgImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.text], { type: 'image/svg+xml' }));
  try {
    const picture = new Image();
    await new Promise<void>((resolve, reject) => {
      picture.onload = () => resolve();
      picture.onerror = () => reject(new Error('the browser could not draw the SVG'));
      picture.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas available');
    context.drawImage(picture, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
