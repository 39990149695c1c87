import { emptyDoubles, emptyObjects } from './empty-arrays.ts';
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
  return new CellStore(segmented);
}

/**
 * The cells as a class: a worker makes one store each pass, and one class's methods are the
 * same functions in every pass, so V8's code for them is made once (closures were compiled anew).
 */
class CellStore implements SegmentCells {
  private readonly segmentValues = new Map<string, string[]>();
  private readonly segmentIds = new Map<string, number>();
  private readonly segmentKeys: string[] = emptyObjects();
  private readonly customerCells = new Map<number, Float64Array>();
  private readonly lineCells = new Map<number, Float64Array>();
  // The last cell used per segment: input in time order hits it almost always.
  private readonly lastCustomerPeriod: number[] = emptyDoubles();
  private readonly lastCustomerCell: Float64Array[] = emptyObjects();
  private readonly lastLinePeriod: number[] = emptyDoubles();
  private readonly lastLineCell: Float64Array[] = emptyObjects();

  constructor(segmented: boolean) {
    if (!segmented) this.intern([]);
  }

  intern(values: string[]): number {
    const key = segmentKey(values);
    let id = this.segmentIds.get(key);
    if (id === undefined) {
      id = this.segmentKeys.length;
      this.segmentIds.set(key, id);
      this.segmentKeys.push(key);
      this.segmentValues.set(key, values);
      this.lastCustomerPeriod.push(Number.NaN);
      this.lastCustomerCell.push(new Float64Array(0));
      this.lastLinePeriod.push(Number.NaN);
      this.lastLineCell.push(new Float64Array(0));
    }
    return id;
  }

  keyOf(segment: number): string {
    return this.segmentKeys[segment]!;
  }

  valuesOf(segment: number): string[] {
    return this.segmentValues.get(this.segmentKeys[segment]!)!;
  }

  customerCell(period: number, segment: number): Float64Array {
    if (this.lastCustomerPeriod[segment] === period) return this.lastCustomerCell[segment]!;
    const counts = cellOf(this.customerCells, period, segment, CUSTOMER_CELL_SIZE);
    this.lastCustomerPeriod[segment] = period;
    this.lastCustomerCell[segment] = counts;
    return counts;
  }

  lineCell(period: number, segment: number): Float64Array {
    if (this.lastLinePeriod[segment] === period) return this.lastLineCell[segment]!;
    const counts = cellOf(this.lineCells, period, segment, LINE_CELL_SIZE);
    this.lastLinePeriod[segment] = period;
    this.lastLineCell[segment] = counts;
    return counts;
  }

  toPartial(): Pick<EngineCounters, 'segments' | 'customerCells' | 'lineCells'> {
    return {
      segments: Object.fromEntries(this.segmentValues),
      customerCells: toCells(this.customerCells, (segment) => this.keyOf(segment)),
      lineCells: toCells(this.lineCells, (segment) => this.keyOf(segment)),
    };
  }
}

/**
 * The counters of a (period, segment) cell in a store keyed by one number (see `cellKey`), made
 * of `size` zeros on first use. Shared by the engine's segment cells and the retention cells.
 */
export function cellOf(
  cells: Map<number, Float64Array>,
  period: number,
  segment: number,
  size: number,
): Float64Array {
  const key = segment * PERIOD_SPAN + period + PERIOD_OFFSET;
  let counts = cells.get(key);
  if (counts === undefined) {
    counts = new Float64Array(size);
    cells.set(key, counts);
  }
  return counts;
}

/** A store's cells as plain data, segment ids turned into keys, in period and segment order. */
export function toCells(cells: Map<number, Float64Array>, keyOf: (segment: number) => string): EngineCell[] {
  return [...cells.entries()]
    .map(([key, counts]) => {
      const segment = Math.floor(key / PERIOD_SPAN);
      return {
        period: key - segment * PERIOD_SPAN - PERIOD_OFFSET,
        segment: keyOf(segment),
        counts: [...counts],
      };
    })
    .sort((a, b) => a.period - b.period || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
}
