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
  /** A rate too uncertain for its band's colour (few customers). */
  uncertain: '#7b8494',
} as const;

/** Each band's colour (bars, thresholds) and its light wash (the shaded band behind a chart). */
export const BAND_COLORS: Record<Band, { solid: string; wash: string }> = {
  strong: { solid: '#1b7f4b', wash: '#eaf5ee' },
  moderate: { solid: '#b26a00', wash: '#fbf3e4' },
  weak: { solid: '#c0392b', wash: '#fbecea' },
};

/** The axes' tick labels of every chart. */
export const AXIS_TICK = { fontSize: 12, fill: CHART_COLORS.muted };

/**
 * The background of a heatmap cell for a position `t` in [0, 1] between the lowest and highest
 * rate shown: one hue, from a pale to a medium blue, light enough everywhere that the dark text
 * written on it (the rate itself: colour is never the only carrier) keeps 4.5:1.
 *
 * @example
 * heatColor(0) // 'hsl(224 70% 96%)'
 */
export function heatColor(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return `hsl(224 70% ${Math.round(96 - clamped * 24)}%)`;
}
