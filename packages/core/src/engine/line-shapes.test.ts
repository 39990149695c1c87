import { describe, expect, it } from 'vitest';
import type { Purchase } from '../input/purchase.ts';
import { createLineShapes } from './line-shapes.ts';

const line = (fields: Partial<Purchase>): Purchase => ({
  customerId: 'c',
  purchasedAt: 0,
  productId: 'p',
  family: 'f',
  tier: 1,
  amount: 100,
  quantity: 1,
  segment: ['web'],
  position: 0,
  file: 1,
  line: 2,
  ...fields,
});

describe('createLineShapes', () => {
  it('gives lines alike but for customer, order, time, place, amount and quantity one shape', () => {
    const shapes = createLineShapes();
    const first = shapes.shapeOf(line({}));
    const same = shapes.shapeOf(
      line({ customerId: 'd', orderId: 'o', purchasedAt: 9, position: 4, line: 9, amount: 5, quantity: 3 }),
    );
    expect([first, same]).toEqual([0, 0]);
    expect(shapes.shapes[0]).toEqual({
      productId: 'p',
      family: 'f',
      tier: 1,
      kind: undefined,
      file: 1,
      segment: ['web'],
    });
  });

  it('tells apart every field of a shape, NaN from a tier and -0 from 0', () => {
    const shapes = createLineShapes();
    const variants: Partial<Purchase>[] = [
      {},
      { productId: 'q' },
      { family: 'g' },
      { tier: Number.NaN },
      { tier: 0 },
      { tier: -0 },
      { kind: 'upsell' },
      { kind: 'renewal' },
      { file: 2 },
      { segment: ['shop'] },
      { segment: ['web', ''] },
      { segment: [] },
      // The values of one column do not stand for another's.
      { segment: ['', 'web'] },
    ];
    const numbers = variants.map((v) => shapes.shapeOf(line(v)));
    expect(numbers).toEqual(variants.map((_, i) => i));
    // Each again: the same number.
    expect(variants.map((v) => shapes.shapeOf(line(v)))).toEqual(numbers);
    expect(Object.is(shapes.shapes[5]!.tier, -0)).toBe(true);
    expect(shapes.shapes[3]!.tier).toBeNaN();
  });

  it('keeps its own copy of the segment values', () => {
    const shapes = createLineShapes();
    const segment = ['web'];
    shapes.shapeOf(line({ segment }));
    segment[0] = 'shop';
    expect(shapes.shapes[0]!.segment).toEqual(['web']);
    expect(shapes.shapeOf(line({ segment }))).toBe(1);
  });

  it('finds every shape again after its table grew', () => {
    const shapes = createLineShapes();
    for (let i = 0; i < 2000; i++) expect(shapes.shapeOf(line({ productId: `p${i}`, tier: i % 4 }))).toBe(i);
    for (let i = 1999; i >= 0; i -= 3)
      expect(shapes.shapeOf(line({ productId: `p${i}`, tier: i % 4 }))).toBe(i);
  });
});
