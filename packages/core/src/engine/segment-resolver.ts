import { UNKNOWN_VALUE as UNKNOWN } from '../input/customer-table.ts';
import type { Purchase } from '../input/purchase.ts';
import type { SegmentSource } from '../input/segmentation.ts';
import type { SegmentCells } from './segment-cells.ts';

/** Options of {@link createSegmentResolver}. */
export interface SegmentResolverOptions {
  segmentation: readonly SegmentSource[];
  /** Customer attribute values by customer id (from a customers file), in attribute column order. */
  customerAttributes?: ReadonlyMap<string, readonly string[]> | undefined;
  cells: Pick<SegmentCells, 'intern'>;
}

/** Finds the segments of lines, as ids of the engine's {@link SegmentCells}. */
export interface SegmentResolver {
  /** The segment of a new customer: the values on the first line of its initial order. */
  ofCustomer(p: Purchase): number;
  /** A line's own segment: its customer's unless the segmentation takes purchase columns. */
  ofLine(p: Purchase, customerSegment: number): number;
}

/**
 * Resolves segments from a line's purchase columns and its customer's attributes (`(unknown)`
 * for a customer the customers file leaves out). With one purchase column to segment by, a
 * line's segment is found by its value alone.
 *
 * @example
 * const segments = createSegmentResolver({ segmentation, customerAttributes, cells });
 * const segment = segments.ofCustomer(firstLine);
 * const lineSegment = segments.ofLine(line, segment);
 */
export function createSegmentResolver(options: SegmentResolverOptions): SegmentResolver {
  return new CellSegmentResolver(options);
}

/**
 * The resolver as a class: a worker makes one each pass, and one class's methods are the same
 * functions in every pass, so V8's code for them is made once (closures were compiled anew).
 */
class CellSegmentResolver implements SegmentResolver {
  private readonly segmentation: readonly SegmentSource[];
  private readonly customerAttributes: ReadonlyMap<string, readonly string[]> | undefined;
  private readonly cells: Pick<SegmentCells, 'intern'>;
  private readonly attributeSources: number[];
  private readonly hasAttributes: boolean;
  private readonly segmented: boolean;
  // Only purchase columns can make a line's segment differ from its customer's.
  private readonly lineLevelSegments: boolean;
  // With one purchase column to segment by, a line's segment is found by its value alone.
  private readonly singleColumn: boolean;
  private readonly segmentByValue = new Map<string, number>();

  constructor(options: SegmentResolverOptions) {
    const { segmentation } = options;
    this.segmentation = segmentation;
    this.customerAttributes = options.customerAttributes;
    this.cells = options.cells;
    this.attributeSources = segmentation.map((s) => (s.from === 'customer' ? s.attribute : -1));
    this.hasAttributes = this.attributeSources.some((a) => a >= 0);
    this.segmented = segmentation.length > 0;
    this.lineLevelSegments = segmentation.some((s) => s.from === 'purchase');
    this.singleColumn = segmentation.length === 1 && segmentation[0]!.from === 'purchase';
  }

  // A line's own segment values: its purchase columns, and its customer's attributes.
  private segmentOf(p: Purchase): string[] {
    const attributes = this.hasAttributes ? this.customerAttributes?.get(p.customerId) : undefined;
    const sources = this.attributeSources;
    return this.segmentation.map((s, i) =>
      s.from === 'purchase' ? p.segment[i]! : (attributes?.[sources[i]!] ?? UNKNOWN),
    );
  }

  private lineSegmentOf(p: Purchase): number {
    if (!this.singleColumn) return this.cells.intern(this.segmentOf(p));
    const value = p.segment[0]!;
    let id = this.segmentByValue.get(value);
    if (id === undefined) {
      id = this.cells.intern([value]);
      this.segmentByValue.set(value, id);
    }
    return id;
  }

  // Unsegmented cells hold the one segment `[]` as id 0.
  ofCustomer(p: Purchase): number {
    if (!this.segmented) return 0;
    // By one purchase column, the customer's segment is its first line's: found by the value,
    // without the values' array and key that a new customer (an eighth of the lines) made.
    return this.singleColumn ? this.lineSegmentOf(p) : this.cells.intern(this.segmentOf(p));
  }

  ofLine(p: Purchase, customerSegment: number): number {
    return this.lineLevelSegments ? this.lineSegmentOf(p) : customerSegment;
  }
}
