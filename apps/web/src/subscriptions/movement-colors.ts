import type { MrrMovementKind } from '@upsell/core';

/**
 * The movements' colours as literal values (an exported PNG draws the SVG away from the page's
 * stylesheet): gains in blue, purple and green, losses in amber and red, levels in slate. Each
 * is dark enough for 3:1 against white as a bar; the values are always said in text beside them.
 */
export const MOVEMENT_COLORS: Record<MrrMovementKind | 'level' | 'net' | 'down', string> = {
  new: '#2f5bd3',
  reactivation: '#6b3fa0',
  expansion: '#1b7f4b',
  contraction: '#b26a00',
  churn: '#c0392b',
  /** Start and end of the bridge. */
  level: '#5b6475',
  /** The net new MRR line. */
  net: '#1d2330',
  /** A cause that steps down inside an expansion. */
  down: '#b26a00',
};
