import { UpsellError } from '../src/errors.ts';
import type { PurchaseTable } from '../src/run-metric.ts';

/** Builds a purchase table from CSV-ish text lines (no quoting), header first. */
export function table(text: string, fileName = 'purchases.csv'): PurchaseTable {
  const lines = text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const [header, ...rows] = lines.map((line) => line.split(','));
  return { header: header!, rows, fileName };
}

/** `n` customers of whom the first `upsold` bought tier 1 then tier 2 in a later order. */
export function workedExample(upsold: number, n: number): PurchaseTable {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([`c${i}`, '2024-01-10', 'basic', '1']);
    if (i < upsold) rows.push([`c${i}`, '2024-02-10', 'pro', '2']);
  }
  return { header: ['customer_id', 'purchased_at', 'product_id', 'tier'], rows };
}

/** The UpsellError a call throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): UpsellError {
  try {
    run();
  } catch (error) {
    if (error instanceof UpsellError) return error;
    throw error;
  }
  throw new Error('expected the call to throw');
}
