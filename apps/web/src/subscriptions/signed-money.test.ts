import { describe, expect, it } from 'vitest';
import { signedMoney } from './signed-money.ts';

describe('signedMoney', () => {
  it('signs a change with a true minus, and leaves 0 unsigned', () => {
    expect(signedMoney(20, 'USD')).toBe('+$20.00');
    expect(signedMoney(-10, 'USD')).toBe('\u2212$10.00');
    expect(signedMoney(0, 'USD')).toBe('$0.00');
    expect(signedMoney(-0.001, 'USD')).toBe('$0.00');
  });

  it('is compact where space is short, in full below a thousand', () => {
    expect(signedMoney(147319.5, 'USD', { compact: true })).toBe('+$147.3K');
    expect(signedMoney(-359.1, null, { compact: true })).toBe('\u2212359.10');
  });
});
