import { describe, expect, it } from 'vitest';
import { copyCommand, createPurchaseTableSql } from './warehouse-postgres-load.ts';

describe('createPurchaseTableSql', () => {
  it("types the sample's columns, numbers the lines first and leaves other columns text", () => {
    expect(
      createPurchaseTableSql('upsell_bench_purchases_10', [
        'order_id',
        'purchased_at',
        'tier',
        'amount',
        'note',
      ]),
    ).toBe(
      'CREATE TABLE "upsell_bench_purchases_10" ("pos" bigint GENERATED ALWAYS AS IDENTITY, "order_id" text, ' +
        '"purchased_at" timestamptz, "tier" integer, "amount" numeric(18, 2), "note" text)',
    );
  });

  it('quotes names with a double quote in them', () => {
    expect(createPurchaseTableSql('a"b', ['c"d'])).toBe(
      'CREATE TABLE "a""b" ("pos" bigint GENERATED ALWAYS AS IDENTITY, "c""d" text)',
    );
  });
});

describe('copyCommand', () => {
  it("copies the header's columns from the file, with a quote in the path doubled", () => {
    expect(copyCommand('t', ['order_id', 'amount'], "/data/it's.csv")).toBe(
      `\\copy "t" ("order_id", "amount") FROM '/data/it''s.csv' WITH (FORMAT csv, HEADER true)`,
    );
  });
});
