import type { Band } from '@upsell/core';

const BAND_WORDS: Record<Band, { word: string; range: string }> = {
  strong: { word: 'Strong', range: 'above 20%' },
  moderate: { word: 'Moderate', range: '10% to 20%' },
  weak: { word: 'Weak', range: 'below 10%' },
};

/** Props of {@link BandBadge}. */
export interface BandBadgeProps {
  band: Band;
  /** The rate's interval is wider than 20 points (`isUncertainRate`): the band is said with a note, in a neutral colour. */
  uncertain?: boolean | undefined;
  /** What the rate counts, for the note: `uncertain (few customers)`. */
  unit?: 'customers' | 'lines' | 'subscribers' | undefined;
}

/**
 * A band said in words (colour is only a second cue): `Moderate`, titled with its range. A rate
 * from few customers keeps its band word but says so, without the band's colour:
 * `Strong · uncertain (few customers)`.
 */
export function BandBadge({ band, uncertain = false, unit = 'customers' }: BandBadgeProps) {
  const { word, range } = BAND_WORDS[band];
  if (uncertain) {
    return (
      <span
        className="band-badge band-uncertain"
        title={`${word} (${range}) by the rate, but its 95% interval is wider than 20 points: too few ${unit} to be sure`}
      >
        {word} · uncertain (few {unit})
      </span>
    );
  }
  return (
    <span className={`band-badge band-${band}`} title={`${word}: ${range}`}>
      {word}
    </span>
  );
}
