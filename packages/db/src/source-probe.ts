/**
 * What the freshness probe found: the rows and the latest purchase time (ISO 8601, or null for
 * none); with the earliest one and the table's columns when the source was checked (registered
 * or changed), for the dataset's summary.
 */
export interface SourceProbe {
  rows: number;
  latest: string | null;
  first?: string | null;
  columns?: string[];
}
