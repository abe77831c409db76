/**
 * A heatmap as one image: values of an n × n two-time matrix mapped through a perceptual colour scale
 * (d3-scale-chromatic's viridis) to pixels, encoded as a PNG data URL by the browser's canvas, or, where there is
 * none (jsdom), by the uncompressed encoder here. Either way the exported SVG embeds a PNG any viewer reads.
 */
import * as d3 from 'd3';

/** Colour of a value in [0, 1] (viridis: perceptually uniform, colour-blind safe, monotone in lightness). */
export const heatmapInterpolator: (fraction: number) => string = d3.interpolateViridis;
/** Colours in the table (8-bit levels). */
const levels = 256;

/** A colour scale on [0, 1] (d3-scale-chromatic). */
export type Interpolator = (fraction: number) => string;
/** The diverging scale of difference maps (simulation − theory): blue below zero, red above, white at zero. */
export const differenceInterpolator: Interpolator = (fraction) => d3.interpolateRdBu(1 - fraction);

const tables = new Map<Interpolator, Uint8Array>();

/** 256 RGB triples of a colour scale, low to high (computed once per scale). */
function colourTable(interpolator: Interpolator): Uint8Array {
  let table = tables.get(interpolator);
  if (!table) {
    table = new Uint8Array(levels * 3);
    for (let i = 0; i < levels; i++) {
      const colour = d3.rgb(interpolator(i / (levels - 1)));
      table.set([colour.r, colour.g, colour.b], i * 3);
    }
    tables.set(interpolator, table);
  }
  return table;
}

/**
 * RGBA pixels, `n` wide and high, of matrix `values` (row i = t_i, column j = t′_j): column j left to right,
 * row i bottom to top (t grows upwards), each value placed on [low, high]; non-finite values transparent.
 */
export function heatmapPixels(values: Float64Array, n: number, low: number, high: number, interpolator: Interpolator = heatmapInterpolator): Uint8Array {
  const table = colourTable(interpolator);
  const pixels = new Uint8Array(n * n * 4);
  const span = high > low ? high - low : 1;
  for (let i = 0; i < n; i++) {
    const pixelRow = n - 1 - i;
    for (let j = 0; j < n; j++) {
      const value = values[i * n + j];
      const offset = (pixelRow * n + j) * 4;
      if (!Number.isFinite(value)) continue;
      const level = Math.max(0, Math.min(levels - 1, Math.round(((value - low) / span) * (levels - 1))));
      pixels[offset] = table[level * 3];
      pixels[offset + 1] = table[level * 3 + 1];
      pixels[offset + 2] = table[level * 3 + 2];
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}

const crcTable = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib stream of `data` in stored (uncompressed) deflate blocks: small images, no compressor needed. */
function storedZlib(data: Uint8Array): Uint8Array {
  const blockSize = 65535;
  const blocks = Math.max(1, Math.ceil(data.length / blockSize));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const part = data.subarray(b * blockSize, Math.min(data.length, (b + 1) * blockSize));
    out[at] = b === blocks - 1 ? 1 : 0;
    out[at + 1] = part.length & 0xff;
    out[at + 2] = part.length >>> 8;
    out[at + 3] = ~part.length & 0xff;
    out[at + 4] = (~part.length >>> 8) & 0xff;
    out.set(part, at + 5);
    at += 5 + part.length;
  }
  let s1 = 1;
  let s2 = 0;
  for (const byte of data) {
    s1 = (s1 + byte) % 65521;
    s2 = (s2 + s1) % 65521;
  }
  new DataView(out.buffer).setUint32(at, ((s2 << 16) | s1) >>> 0);
  return out;
}

/** An RGBA image as PNG bytes (8-bit, colour type 6, no filter). */
export function encodePng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (1 + width * 4));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', storedZlib(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Bytes as a data URL of media type `type`. */
export function dataUrl(bytes: Uint8Array, type: string): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return `data:${type};base64,${btoa(binary)}`;
}

/**
 * The browser's own PNG encoder, where there is a 2D canvas: native code, no cold-start JIT cost on the main thread.
 * Null where there is none (jsdom has neither a 2D canvas nor OffscreenCanvas, whose presence is the test here).
 */
function canvasPngUrl(pixels: Uint8Array, n: number): string | null {
  if (typeof document === 'undefined' || typeof OffscreenCanvas === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.putImageData(new ImageData(new Uint8ClampedArray(pixels.buffer as ArrayBuffer, pixels.byteOffset, pixels.length), n, n), 0, 0);
  return canvas.toDataURL('image/png');
}

/** The heatmap of `values` (n × n) on [low, high] as a PNG data URL. */
export function heatmapDataUrl(values: Float64Array, n: number, low: number, high: number, interpolator: Interpolator = heatmapInterpolator): string {
  const pixels = heatmapPixels(values, n, low, high, interpolator);
  return canvasPngUrl(pixels, n) ?? dataUrl(encodePng(pixels, n, n), 'image/png');
}
