import { describe, expect, it } from 'vitest';
import { createRandom } from './create-random.ts';
import { drawSecondOfDay, SECONDS_PER_DAY, secondLabels } from './second-of-day.ts';

describe('secondLabels', () => {
  it('labels every second of the day as HH:MM:SSZ', () => {
    const labels = secondLabels();
    expect(labels).toHaveLength(SECONDS_PER_DAY);
    expect(labels[0]).toBe('00:00:00Z');
    expect(labels[50709]).toBe('14:05:09Z');
    expect(labels[86399]).toBe('23:59:59Z');
  });
});

describe('drawSecondOfDay', () => {
  it('stays within the day', () => {
    const random = createRandom(3);
    for (let i = 0; i < 10_000; i++) {
      const second = drawSecondOfDay(random);
      expect(second >= 0 && second < SECONDS_PER_DAY && Number.isInteger(second)).toBe(true);
    }
  });

  it('puts more orders in business hours than at night', () => {
    const random = createRandom(3);
    let business = 0;
    let night = 0;
    for (let i = 0; i < 10_000; i++) {
      const hour = Math.floor(drawSecondOfDay(random) / 3600);
      if (hour >= 9 && hour < 17) business++;
      if (hour < 5) night++;
    }
    expect(business).toBeGreaterThan(5 * night);
  });
});
