import { createSubscriptionRun, isUpsellError, type RowIssue } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { readSubscriptions } from './read-subscriptions.ts';
import { bytesStream, workbookOf } from './read-xlsx.test-support.ts';

const HEADER = 'customer_id,subscription_id,plan_id,starts_at,ends_at,amount,currency';
const streamOf = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      // Two chunks cut mid-row, as a file stream may give them.
      const bytes = new TextEncoder().encode(text);
      const cut = Math.floor(bytes.length / 2);
      controller.enqueue(bytes.slice(0, cut));
      controller.enqueue(bytes.slice(cut));
      controller.close();
    },
  });

async function read(text: string, shard?: { index: number; count: number }) {
  const issues: RowIssue[] = [];
  const run = createSubscriptionRun({
    definition: { period: 'month' },
    onIssue: (issue) => issues.push(issue),
    ...(shard === undefined ? {} : { shard }),
  });
  const sink = await readSubscriptions(run, streamOf(text), { fileName: 's.csv', format: 'csv' });
  return { sink, output: run.finish(), issues };
}

describe('readSubscriptions', () => {
  // ASCII ids are sharded from their bytes, others through the string: both as the run's
  // `accepts` (the core's `customerShard`), which the string path and the drill-downs use.
  const ids = [...Array.from({ length: 40 }, (_, i) => `C${i}`), ' C7 ', 'Ça1', 'Zoë', '"C""9"'];
  const rows = ids.map((id, i) => `${id},S${i},basic,2024-01-0${1 + (i % 9)},,10.00,USD`);
  const text = `${HEADER}\n${rows.join('\n')}\n`;
  const idOf = (cell: string) =>
    (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell).trim();

  it('gives each shard exactly the rows of the customers its run accepts, and all rows to one run', async () => {
    const whole = await read(text);
    expect(whole.output.accounting).toMatchObject({ rows: ids.length, accepted: ids.length, rejected: 0 });
    let rowsOfShards = 0;
    for (let index = 0; index < 3; index++) {
      const { output, sink } = await read(text, { index, count: 3 });
      const expected = ids.filter((cell) => sink.accepts(idOf(cell))).length;
      expect(output.accounting.rows).toBe(expected);
      expect(output.accounting.accepted).toBe(expected);
      rowsOfShards += output.accounting.rows;
    }
    expect(rowsOfShards).toBe(ids.length);
  });

  it('reports rows it cannot split and rows the run refuses with their lines, and loses none', async () => {
    const bad = `${HEADER}\nC1,S1,basic,2024-01-01,,10.00,USD\nC2,S1,basic,2024-13-01,,10.00,USD\nC3,S1\nC4,"S1,basic,2024-01-01,,10.00,USD\n`;
    const { output, issues } = await read(bad);
    expect(output.accounting).toMatchObject({ rows: 4, accepted: 1, rejected: 3 });
    expect(issues.map((issue) => [issue.file, issue.line])).toEqual([
      ['s.csv', 3],
      ['s.csv', 4],
      ['s.csv', 5],
    ]);
    expect(issues[0]!.reason).toMatch(/starts_at "2024-13-01" is not/);
  });

  it('says a file without a header is empty', async () => {
    await expect(read('')).rejects.toSatisfy(
      (error) =>
        isUpsellError(error, 'MISSING_COLUMN') && /s\.csv: the file has no header row/.test(String(error)),
    );
  });

  it('opens the file with its first rows as the sample of its formats', async () => {
    const { sink, output } = await read(
      'customer_id,subscription_id,plan_id,starts_at,ends_at,amount\nC1,S1,basic,07/03/2024,,"10,50"\nC2,S1,basic,25/03/2024,,"1.234,00"\n',
    );
    expect(sink.formats).toMatchObject({ date: 'dmy', number: 'comma' });
    expect(output.accounting).toMatchObject({ rows: 2, accepted: 2 });
  });

  it("reads a workbook's sheet as the CSV of the same rows: same numbers, same issues at the same lines", async () => {
    const header = ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'ends_at', 'amount'];
    const bytes = await workbookOf({
      Notes: [['not this sheet']],
      Billing: [
        header,
        ['A', 'S1', 'basic', new Date(Date.UTC(2024, 0, 5)), new Date(Date.UTC(2024, 2, 5)), 10],
        ['A', 'S1', 'pro', '2024-03-05', '', 30],
        ['B', 'S1', 'basic', 'soon', '', 10],
        ['B', 'S2', 'basic', '2024-02-01', '', 12.5],
      ],
    });
    const csv = [
      header.join(','),
      'A,S1,basic,2024-01-05,2024-03-05,10',
      'A,S1,pro,2024-03-05,,30',
      'B,S1,basic,soon,,10',
      'B,S2,basic,2024-02-01,,12.5',
    ].join('\n');
    const readAs = async (stream: ReadableStream<Uint8Array>, format: 'csv' | 'xlsx') => {
      const issues: RowIssue[] = [];
      const run = createSubscriptionRun({
        definition: { period: 'month' },
        onIssue: (issue) => issues.push(issue),
      });
      await readSubscriptions(run, stream, { fileName: 'subs', format, sheet: 'Billing' });
      return { output: run.finish(), issues };
    };
    const fromWorkbook = await readAs(bytesStream(bytes), 'xlsx');
    const fromCsv = await readAs(bytesStream(new TextEncoder().encode(csv)), 'csv');
    expect(fromWorkbook.output.accounting).toMatchObject({ rows: 4, accepted: 3, rejected: 1 });
    expect(fromWorkbook.issues.map((issue) => [issue.line, issue.column])).toEqual([[4, 4]]);
    expect(fromWorkbook.issues).toEqual(fromCsv.issues);
    expect(fromWorkbook.output.counters).toEqual(fromCsv.output.counters);
  });
});
