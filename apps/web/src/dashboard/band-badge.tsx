import type { Band } from '@upsell/core';

const BAND_WORDS: Record<Band, { word: string; range: string }> = {
  strong: { word: 'Strong', range: 'above 20%' },
  moderate: { word: 'Moderate', range: '10% to 20%' },
  weak: { word: 'Weak', range: 'below 10%' },
};

/** A band said in words (colour is only a second cue): `Moderate`, titled with its range. */
export function BandBadge({ band }: { band: Band }) {
  const { word, range } = BAND_WORDS[band];
  return (
    <span className={`band-badge band-${band}`} title={`${word}: ${range}`}>
      {word}
    </span>
  );
}
