import { downloadBlob } from './download.ts';

/** Options of {@link chartSvgMarkup}. */
export interface ChartSvgOptions {
  /** Fill behind the chart (an SVG is transparent; a PNG viewer may show it black). */
  background?: string;
  /** Font of the chart's text (CSS does not travel with the markup). */
  fontFamily?: string;
  /** A title drawn above the chart, so the image says what it shows. */
  title?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_HEIGHT = 28;

/**
 * A chart's SVG as standalone markup: namespaced, sized, with a background and font, and an
 * optional title, so it draws the same once taken out of the page.
 *
 * @example
 * chartSvgMarkup(svg, { title: 'Customer upsell rate by quarter' }).markup // '<svg xmlns=...'
 */
export function chartSvgMarkup(
  svg: SVGSVGElement,
  options: ChartSvgOptions = {},
): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.round(Number(svg.getAttribute('width')) || box.width || 800);
  const chartHeight = Math.round(Number(svg.getAttribute('height')) || box.height || 400);
  const top = options.title ? TITLE_HEIGHT : 0;
  const height = chartHeight + top;

  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('font-family', options.fontFamily ?? 'system-ui, sans-serif');
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', options.background ?? '#ffffff');
  out.append(background);
  if (options.title) {
    const title = document.createElementNS(SVG_NS, 'text');
    title.setAttribute('x', '12');
    title.setAttribute('y', '20');
    title.setAttribute('font-size', '15');
    title.setAttribute('font-weight', '600');
    title.setAttribute('fill', '#1d2330');
    title.textContent = options.title;
    out.append(title);
  }
  const chart = document.createElementNS(SVG_NS, 'g');
  chart.setAttribute('transform', `translate(0 ${top})`);
  for (const child of Array.from(svg.childNodes)) chart.append(child.cloneNode(true));
  out.append(chart);
  return { markup: new XMLSerializer().serializeToString(out), width, height };
}

/**
 * Draws a chart's SVG on a canvas (at twice its size, for sharp text) and downloads it as a PNG.
 * No library: the SVG becomes an image through a blob URL.
 */
export async function downloadChartPng(
  svg: SVGSVGElement,
  fileName: string,
  options: ChartSvgOptions & { scale?: number } = {},
): Promise<void> {
  const { markup, width, height } = chartSvgMarkup(svg, options);
  const scale = options.scale ?? 2;
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('downloadChartPng: the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('downloadChartPng: this browser has no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('downloadChartPng: the PNG could not be made'))),
        'image/png',
      ),
    );
    downloadBlob(fileName, png);
  } finally {
    URL.revokeObjectURL(url);
  }
}
