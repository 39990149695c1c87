import { describe, expect, it } from 'vitest';
import { chartSvgMarkup } from './chart-png.ts';
import { fileBaseName } from './download.ts';

function chart(): SVGSVGElement {
  const holder = document.createElement('div');
  holder.innerHTML =
    '<svg width="600" height="300" class="recharts-surface"><path d="M0 0L10 10" stroke="#2f5bd3"/><text>2024-Q1</text></svg>';
  return holder.querySelector('svg')!;
}

describe('chartSvgMarkup', () => {
  it('makes standalone markup: namespaced, sized, on a background', () => {
    const { markup, width, height } = chartSvgMarkup(chart());
    expect([width, height]).toEqual([600, 300]);
    expect(markup).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="600" height="300"/);
    expect(markup).toContain('<rect width="100%" height="100%" fill="#ffffff"/>');
    expect(markup).toContain('stroke="#2f5bd3"');
    expect(markup).toContain('>2024-Q1</text>');
  });

  it('adds a title above the chart, escaped', () => {
    const { markup, height } = chartSvgMarkup(chart(), { title: 'Rate <by> quarter' });
    expect(height).toBe(328);
    expect(markup).toContain('>Rate &lt;by&gt; quarter</text>');
    expect(markup).toContain('transform="translate(0 28)"');
  });

  it('leaves the chart on the page as it was', () => {
    const svg = chart();
    chartSvgMarkup(svg, { title: 'x' });
    expect(svg.childNodes).toHaveLength(2);
  });
});

describe('fileBaseName', () => {
  it('keeps safe characters only', () => {
    expect(fileBaseName(['shop', 'customer upsell rate', 'by channel/region'])).toBe(
      'shop-customer-upsell-rate-by-channel-region',
    );
    expect(fileBaseName(['///'])).toBe('export');
  });
});
