import {
  buildDrillDown,
  buildMetricResult,
  createCustomerTableReader,
  createMetricRun,
  createProductCatalogReader,
  type DefinitionInput,
  type DrillDown,
  type DrillDownPage,
  type MetricResult,
  type MetricRunOptions,
  type RowIssue,
  runMetric,
} from '@upsell/core';
import type { PurchaseCase } from './purchase-case.ts';

/** What the engine makes of a case: its result and the issues of the rows it rejected. */
export interface EngineOutcome {
  result: MetricResult;
  /** One per bad cell, in the CSV's order, each located by its row's `pos` (as `line`). */
  issues: RowIssue[];
}

/** A case as the file mode reads it: header, rows in `pos` order, and the run's options. */
function engineInput(purchaseCase: PurchaseCase, definition: DefinitionInput) {
  const ordered = [...purchaseCase.rows].sort((a, b) => a.pos - b.pos);
  const header = purchaseCase.columns.map((column) => column.name);
  const rows = ordered.map((row) => purchaseCase.columns.map((column) => row.cells[column.key] ?? ''));
  const options: MetricRunOptions = {
    definition,
    map: purchaseCase.map,
    formats: { date: 'iso', number: 'point' },
  };
  if (purchaseCase.customers) {
    const { idColumn, attributes, rows: customerRows } = purchaseCase.customers;
    const reader = createCustomerTableReader([idColumn, ...attributes], 'customers');
    const issues: RowIssue[] = [];
    customerRows.forEach((row, i) => {
      reader.add([row.id, ...row.values.map((value) => value ?? '')], i + 2, issues);
    });
    if (issues.length > 0) throw new Error(`the case's customers table is bad: ${issues[0]!.reason}`);
    options.customers = reader.table;
  }
  if (purchaseCase.catalog) {
    const { hasFamily, rows: catalogRows } = purchaseCase.catalog;
    const reader = createProductCatalogReader(
      hasFamily ? ['product_id', 'tier', 'family'] : ['product_id', 'tier'],
      'catalog',
    );
    const issues: RowIssue[] = [];
    catalogRows.forEach((row, i) => {
      const fields = [row.product, String(row.tier)];
      if (hasFamily) fields.push(row.family);
      reader.add(fields, i + 2, issues);
    });
    if (issues.length > 0) throw new Error(`the case's catalog is bad: ${issues[0]!.reason}`);
    options.catalog = reader.catalog;
  }
  return { ordered, header, rows, options };
}

/**
 * The engine's reading of a case, as the file mode reads it: the purchase rows written as a CSV
 * in `pos` order (empty cells for NULL; ISO dates and decimal points, as a typed column holds
 * them), with the customers and catalog tables as their files.
 *
 * @example
 * engineMetricResult(purchaseCase, { period: 'month' }).result.rows
 */
export function engineMetricResult(purchaseCase: PurchaseCase, definition: DefinitionInput): EngineOutcome {
  const { ordered, header, rows, options } = engineInput(purchaseCase, definition);
  const issues: RowIssue[] = [];
  options.onIssue = (issue) => issues.push({ ...issue, line: ordered[issue.line - 2]!.pos });
  const output = runMetric([{ header, rows, fileName: 'purchases.csv' }], options);
  return { result: buildMetricResult(output.counters, output), issues };
}

/**
 * The drill-down `upsell customers` gives for one row of a case, each line located as the SQL
 * locates it: in the file named `fileName` (the table's name), at the line of its `pos`.
 *
 * @example
 * engineDrillDown(purchaseCase, { period: 'month' }, '2024-03', {}, 'purchases', { limit: 20 }).customers
 */
export function engineDrillDown(
  purchaseCase: PurchaseCase,
  definition: DefinitionInput,
  period: string,
  segment: Record<string, string>,
  fileName: string,
  page: DrillDownPage,
): DrillDown {
  const { ordered, header, rows, options } = engineInput(purchaseCase, definition);
  const run = createMetricRun({ ...options, order: 'buffer', explain: { period, segment } });
  const file = run.addFile(header, fileName, rows);
  rows.forEach((row, i) => {
    file.push(row, ordered[i]!.pos, i);
  });
  const output = run.finish();
  const result = buildMetricResult(output.counters, output);
  return buildDrillDown(
    {
      definition: output.definition,
      result,
      explanation: output.explanation,
      period,
      segment,
      files: [fileName],
    },
    page,
  );
}
