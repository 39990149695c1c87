import { describe, expect, it } from 'vitest';
import { seedKey } from './create-random.ts';
import { customerProfile, initialLineCount } from './customer-profile.ts';

const key = seedKey(11, 1);
const profiles = Array.from({ length: 10_000 }, (_, index) => customerProfile(key, index));

describe('customerProfile', () => {
  it('is the same every time for one key and index', () => {
    expect(customerProfile(key, 123)).toEqual(customerProfile(key, 123));
  });

  it('differs between seeds', () => {
    const other = Array.from({ length: 20 }, (_, index) => customerProfile(seedKey(12, 1), index));
    expect(other).not.toEqual(profiles.slice(0, 20));
  });

  it('agrees with initialLineCount', () => {
    profiles.slice(0, 100).forEach((profile, index) => {
      expect(profile.initialLines).toBe(initialLineCount(key, index));
    });
  });

  it('starts most customers on tier 1 or 2', () => {
    const top = profiles.filter((p) => p.tier === 3).length;
    expect(top).toBeGreaterThan(0);
    expect(top / profiles.length).toBeLessThan(0.1);
  });

  it('uses every channel, size, region and industry', () => {
    expect(new Set(profiles.map((p) => p.channel)).size).toBe(3);
    expect(new Set(profiles.map((p) => p.size)).size).toBe(3);
    expect(new Set(profiles.map((p) => p.region)).size).toBe(4);
    expect(new Set(profiles.map((p) => p.industry)).size).toBe(6);
    expect(new Set(profiles.map((p) => p.activity)).size).toBe(4);
  });
});
