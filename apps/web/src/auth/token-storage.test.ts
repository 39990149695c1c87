import { describe, expect, it } from 'vitest';
import { tokenStorage } from './token-storage.ts';

describe('tokenStorage', () => {
  it('keeps a token for the tab by default, and across visits when asked', () => {
    tokenStorage.write('tab-token', false);
    expect(sessionStorage.getItem('upsell.token')).toBe('tab-token');
    expect(localStorage.getItem('upsell.token')).toBeNull();
    tokenStorage.clear();
    tokenStorage.write('kept-token', true);
    expect(tokenStorage.read()).toBe('kept-token');
    tokenStorage.clear();
    expect(tokenStorage.read()).toBeUndefined();
  });
});
