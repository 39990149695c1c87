import type { Band } from '@upsell/core';

/**
 * Chart colours as literal values, not CSS variables: an exported PNG draws the SVG away from
 * the page's stylesheet. They match the variables of styles.css.
 */
export const CHART_COLORS = {
  ink: '#1d2330',
  muted: '#5b6475',
  grid: '#e3e7ee',
  rate: '#2f5bd3',
  interval: '#2f5bd3',
  benchmark: '#6b3fa0',
  target: '#1d2330',
} as const;

/** Each band's colour (bars, thresholds) and its light wash (the shaded band behind a chart). */
export const BAND_COLORS: Record<Band, { solid: string; wash: string }> = {
  strong: { solid: '#1b7f4b', wash: '#eaf5ee' },
  moderate: { solid: '#b26a00', wash: '#fbf3e4' },
  weak: { solid: '#c0392b', wash: '#fbecea' },
};

/** The axes' tick labels of every chart. */
export const AXIS_TICK = { fontSize: 12, fill: CHART_COLORS.muted };
