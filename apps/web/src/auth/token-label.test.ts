import { describe, expect, it } from 'vitest';
import { tokenLabel } from './token-label.ts';

describe('tokenLabel', () => {
  it('keeps the name an admin gave a token', () => {
    expect(tokenLabel('ci job')).toBe('ci job');
    expect(tokenLabel('Ana (finance)')).toBe('Ana (finance)');
  });

  it('names the server’s own admin tokens by whose they are', () => {
    expect(tokenLabel('from UPSELL_ADMIN_TOKEN')).toBe('Server admin (UPSELL_ADMIN_TOKEN)');
    expect(tokenLabel('first start')).toBe('Server admin (first start)');
  });
});
