import { describe, expect, it } from 'vitest';
import { CodedError, isUpsellError, UpsellError } from './errors.ts';

class ShelfError extends CodedError<'EMPTY'> {
  override readonly name = 'ShelfError';
}

describe('CodedError', () => {
  it('carries its code, message and details, under its own class name', () => {
    const error = new UpsellError('MISSING_COLUMN', 'no tier column', { field: 'tier' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(CodedError);
    expect(error.name).toBe('UpsellError');
    expect(String(error)).toBe('UpsellError: no tier column');
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.details).toEqual({ field: 'tier' });
  });

  it("keeps another layer's errors apart from the core's", () => {
    const error = new ShelfError('EMPTY', 'nothing on the shelf');
    expect(error.name).toBe('ShelfError');
    expect(error.details).toBeUndefined();
    expect(isUpsellError(error)).toBe(false);
    expect(isUpsellError(new UpsellError('OUT_OF_ORDER', 'late'), 'OUT_OF_ORDER')).toBe(true);
  });
});
