/**
 * Image exports of the plots: SVG (the drawn SVG cloned with its computed styles written inline, so
 * the file looks the same outside the page) and PNG (that SVG drawn on an offscreen canvas through a
 * blob: image, which a strict CSP `img-src 'self' data: blob:` allows). Each plot is exported with its
 * title and a legend; the whole figure keeps the plots where the page lays them out.
 *
 * Styles are set through the CSSOM (element.style), never as style="" text, so no CSP forbids them.
 */
import { formatNumber } from './format';
import { sourceReadingOrder, type SourceKind } from './protocol';
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

/** Heights of the parts an exported image adds around a plot. */
const titleHeight = 26;
const legendHeight = 24;
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

/** One row of legend entries: a swatch per source, then the quantity key. */
function legend(sources: readonly SourceKind[], note: string, x: number, y: number, palette: Palette): SVGGElement {
  const group = element('g', { transform: `translate(${x},${y})` });
  let offset = 0;
  for (const source of sources) {
    const color = sourceColor(source);
    const swatch = element('g', { transform: `translate(${offset},0)` });
    if (source === 'sgf') swatch.append(element('rect', { x: 0, y: -5, width: 26, height: 10, fill: color, 'fill-opacity': 0.22 }));
    if (source === 'sgd') swatch.append(element('path', { d: 'M13,-5.5l5.5,5.5l-5.5,5.5l-5.5,-5.5z', fill: color }));
    else swatch.append(element('line', { x1: 0, x2: 26, y1: 0, y2: 0, stroke: color, 'stroke-width': seriesStyles[source].lineWidth, 'stroke-opacity': seriesStyles[source].lineOpacity }));
    const label = text(seriesStyles[source].label, 32, 4, palette, 12);
    swatch.append(label);
    group.append(swatch);
    offset += 48 + seriesStyles[source].label.length * 7;
  }
  if (note) group.append(text(note, offset, 4, palette, 12));
  return group;
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

/** Title of a parameter set, for the heading of the whole figure. */
export function parameterSummary(params: RunSnapshot['params']): string {
  const parts = [
    params.model,
    `α = ${formatNumber(params.alpha)}`,
    `b = ${formatNumber(params.batchFraction)}`,
    `h = ${formatNumber(params.step)}`,
    `λ = ${formatNumber(params.ridge)}`,
    `d = ${params.dim}`,
    `N = ${params.samples}`,
    `seed ${params.seed}`,
  ];
  return parts.join(', ');
}

interface PanelParts {
  svg: SVGSVGElement;
  title: string;
  note: string;
}

function partsOf(panel: Element): PanelParts | null {
  const svg = panel.querySelector<SVGSVGElement>('svg[role="img"]');
  if (!svg) return null;
  const title = panel.querySelector('h2')?.textContent ?? '';
  const note = panel.querySelector('.legend-styles')?.textContent ?? '';
  return { svg, title, note };
}

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  return { width: Number(svg.getAttribute('width')) || svg.clientWidth, height: Number(svg.getAttribute('height')) || svg.clientHeight };
}

/** One plot (a `figure.panel` element) as a standalone SVG: title, legend and the plot. */
export function plotSvg(panel: Element): SvgImage {
  const parts = partsOf(panel);
  if (!parts) throw new Error('this plot has nothing drawn yet');
  const palette = paletteOf(panel);
  const { width, height } = sizeOf(parts.svg);
  const totalWidth = width + 2 * padding;
  const totalHeight = titleHeight + legendHeight + height + padding;
  const root = element('svg');
  root.append(element('rect', { width: totalWidth, height: totalHeight, fill: palette.background }));
  root.append(text(parts.title, padding, 20, palette, 16, 650));
  root.append(legend(drawnSources(panel), parts.note, padding, titleHeight + 10, palette));
  const plot = clonePlot(parts.svg);
  plot.setAttribute('x', String(padding));
  plot.setAttribute('y', String(titleHeight + legendHeight));
  root.append(plot);
  return finish(root, totalWidth, totalHeight);
}

/** Every plot of the grid as one SVG, laid out as on the page, under a heading and one legend. */
export function figureSvg(grid: Element, heading: string): SvgImage {
  const panels = [...grid.querySelectorAll('figure.panel')].filter((panel) => partsOf(panel) !== null);
  if (panels.length === 0) throw new Error('no plot is drawn yet');
  const palette = paletteOf(panels[0]);
  const gridBox = grid.getBoundingClientRect();
  // Room above the first row for a plot title and its quantity key (two lines).
  const top = titleHeight + legendHeight + 40;
  const placed = panels.map((panel) => {
    const parts = partsOf(panel)!;
    const box = parts.svg.getBoundingClientRect();
    return { parts, x: box.left - gridBox.left, y: box.top - gridBox.top, ...sizeOf(parts.svg) };
  });
  // Titles go just above each plot; shift everything so the first row's titles clear the legend.
  const minY = Math.min(...placed.map((entry) => entry.y));
  const minX = Math.min(...placed.map((entry) => entry.x));
  const width = Math.ceil(Math.max(...placed.map((entry) => entry.x - minX + entry.width)) + 2 * padding);
  const height = Math.ceil(top + Math.max(...placed.map((entry) => entry.y - minY + entry.height)) + padding);
  const root = element('svg');
  root.append(element('rect', { width, height, fill: palette.background }));
  root.append(text(heading, padding, 20, palette, 15, 650));
  root.append(legend(drawnSources(grid), '', padding, titleHeight + 10, palette));
  for (const entry of placed) {
    const x = padding + entry.x - minX;
    const y = top + entry.y - minY;
    const note = entry.parts.note;
    root.append(text(entry.parts.title, x, y - (note ? 24 : 8), palette, 14, 650));
    if (note) root.append(text(note, x, y - 7, palette, 12));
    const plot = clonePlot(entry.parts.svg);
    plot.setAttribute('x', String(x));
    plot.setAttribute('y', String(y));
    root.append(plot);
  }
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
