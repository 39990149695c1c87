import { wilsonInterval } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { bandWords } from './band-words.ts';

describe('bandWords', () => {
  it('says the band alone when the interval is narrow: 36 of 300 (7 points)', () => {
    expect(bandWords({ band: 'moderate', ci95: wilsonInterval(36, 300) }, 'customer-upsell-rate')).toBe(
      'moderate',
    );
  });

  it('keeps the band word but notes few customers when the interval is wider than 20 points: 9 of 38 (13.0% to 39.2%)', () => {
    expect(bandWords({ band: 'strong', ci95: wilsonInterval(9, 38) }, 'customer-upsell-rate')).toBe(
      'strong, uncertain (few customers)',
    );
  });

  it('speaks of lines for the purchase up-sell rate', () => {
    expect(bandWords({ band: 'weak', ci95: wilsonInterval(0, 3) }, 'purchase-upsell-rate')).toBe(
      'weak, uncertain (few lines)',
    );
  });
});
