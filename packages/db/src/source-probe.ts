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
  /**
   * The distinct values of the purchase columns a metric may be segmented by (a dataset's
   * dimensions), read when the source was checked and again when its rows changed.
   */
  dimensions?: SourceDimensionValues[];
}

/** One segment column of a source and its distinct values (trimmed, sorted, blanks left out). */
export interface SourceDimensionValues {
  name: string;
  values: string[];
  /** Whether there were more values than listed (or some too long to list). */
  more: boolean;
}
