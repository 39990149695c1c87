import { createProductCatalogReader, type ProductCatalog } from '@upsell/core';
import { type LookupTableOptions, readLookupTable } from './read-lookup-table.ts';

/**
 * Reads a product catalog CSV (product_id, tier and optionally family), reporting each bad row.
 *
 * @example
 * const { result: catalog } = await readCatalog(stream, { fileName: 'catalog.csv' });
 */
export function readCatalog(
  stream: ReadableStream<Uint8Array>,
  options: LookupTableOptions,
): Promise<{ result: ProductCatalog; rows: number; rejected: number }> {
  return readLookupTable(stream, options, (header) => {
    const reader = createProductCatalogReader(header, options.fileName);
    return { result: reader.catalog, add: reader.add };
  });
}
