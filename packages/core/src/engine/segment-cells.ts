import {
  CUSTOMER_CELL_SIZE,
  type EngineCell,
  type EngineCounters,
  LINE_CELL_SIZE,
  segmentKey,
} from './engine-counters.ts';

const PERIOD_OFFSET = 2_097_152; // 2^21: room for periods before 1970 in a cell key
const PERIOD_SPAN = 4_194_304; // 2^22

/** The engine's counters by (period, segment): customer cells and line cells, and the segments seen. */
export interface SegmentCells {
  /** The id of a segment by its values, given one the first time they are seen. */
  intern(values: string[]): number;
  /** A segment's key (see `segmentKey`). */
  keyOf(segment: number): string;
  /** A segment's values. */
  valuesOf(segment: number): string[];
  /** The customer counters of a period and segment, made on first use. */
  customerCell(period: number, segment: number): Float64Array;
  /** The line counters of a period and segment, made on first use. */
  lineCell(period: number, segment: number): Float64Array;
  /** The cells and segments as the counters' plain data, cells in period and segment order. */
  toPartial(): Pick<EngineCounters, 'segments' | 'customerCells' | 'lineCells'>;
}

/**
 * The store of the engine's counters: one small array per (period, segment) cell, keyed by one
 * number, with the last cell used per segment at hand (input in time order hits it almost
 * always). Unsegmented stores hold the one segment `[]` from the start.
 *
 * @example
 * const cells = createSegmentCells(true);
 * const segment = cells.intern(['emea']);
 * cells.customerCell(0, segment)[CUSTOMER_CELL.acquired] += 1;
 */
export function createSegmentCells(segmented: boolean): SegmentCells {
  const segmentValues = new Map<string, string[]>();
  const segmentIds = new Map<string, number>();
  const segmentKeys: string[] = [];
  const customerCells = new Map<number, Float64Array>();
  const lineCells = new Map<number, Float64Array>();
  // The last cell used per segment: input in time order hits it almost always.
  const lastCustomerPeriod: number[] = [];
  const lastCustomerCell: Float64Array[] = [];
  const lastLinePeriod: number[] = [];
  const lastLineCell: Float64Array[] = [];

  const intern = (values: string[]): number => {
    const key = segmentKey(values);
    let id = segmentIds.get(key);
    if (id === undefined) {
      id = segmentKeys.length;
      segmentIds.set(key, id);
      segmentKeys.push(key);
      segmentValues.set(key, values);
      lastCustomerPeriod.push(Number.NaN);
      lastCustomerCell.push(new Float64Array(0));
      lastLinePeriod.push(Number.NaN);
      lastLineCell.push(new Float64Array(0));
    }
    return id;
  };
  if (!segmented) intern([]);

  const cellOf = (
    cells: Map<number, Float64Array>,
    period: number,
    segment: number,
    size: number,
  ): Float64Array => {
    const key = segment * PERIOD_SPAN + period + PERIOD_OFFSET;
    let counts = cells.get(key);
    if (counts === undefined) {
      counts = new Float64Array(size);
      cells.set(key, counts);
    }
    return counts;
  };

  const toCells = (cells: Map<number, Float64Array>): EngineCell[] =>
    [...cells.entries()]
      .map(([key, counts]) => {
        const segment = Math.floor(key / PERIOD_SPAN);
        return {
          period: key - segment * PERIOD_SPAN - PERIOD_OFFSET,
          segment: segmentKeys[segment]!,
          counts: [...counts],
        };
      })
      .sort((a, b) => a.period - b.period || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));

  return {
    intern,
    keyOf: (segment) => segmentKeys[segment]!,
    valuesOf: (segment) => segmentValues.get(segmentKeys[segment]!)!,
    customerCell(period, segment) {
      if (lastCustomerPeriod[segment] === period) return lastCustomerCell[segment]!;
      const counts = cellOf(customerCells, period, segment, CUSTOMER_CELL_SIZE);
      lastCustomerPeriod[segment] = period;
      lastCustomerCell[segment] = counts;
      return counts;
    },
    lineCell(period, segment) {
      if (lastLinePeriod[segment] === period) return lastLineCell[segment]!;
      const counts = cellOf(lineCells, period, segment, LINE_CELL_SIZE);
      lastLinePeriod[segment] = period;
      lastLineCell[segment] = counts;
      return counts;
    },
    toPartial: () => ({
      segments: Object.fromEntries(segmentValues),
      customerCells: toCells(customerCells),
      lineCells: toCells(lineCells),
    }),
  };
}
