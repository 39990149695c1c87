import { describe, expect, it } from 'vitest';
import { PARQUET_FILE_ROWS, parquetPartNames } from './warehouse-parquet-sample.ts';

describe('parquetPartNames', () => {
  it('names one file per 2.5M rows, the last holding the rest, in row order', () => {
    expect(PARQUET_FILE_ROWS).toBe(2_500_000);
    expect(parquetPartNames(6_000_000)).toEqual([
      'part-0000.parquet',
      'part-0001.parquet',
      'part-0002.parquet',
    ]);
    expect(parquetPartNames(100_000_000)).toHaveLength(40);
    expect(parquetPartNames(100_000_000).at(-1)).toBe('part-0039.parquet');
  });

  it('writes one file for a sample smaller than a file, even an empty one', () => {
    expect(parquetPartNames(10_000)).toEqual(['part-0000.parquet']);
    expect(parquetPartNames(0)).toEqual(['part-0000.parquet']);
  });
});
