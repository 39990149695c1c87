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
  const { segmentation, customerAttributes, cells } = options;
  const attributeSources = segmentation.map((s) => (s.from === 'customer' ? s.attribute : -1));
  const hasAttributes = attributeSources.some((a) => a >= 0);
  const segmented = segmentation.length > 0;
  // Only purchase columns can make a line's segment differ from its customer's.
  const lineLevelSegments = segmentation.some((s) => s.from === 'purchase');

  // A line's own segment values: its purchase columns, and its customer's attributes.
  const segmentOf = (p: Purchase): string[] => {
    const attributes = hasAttributes ? customerAttributes?.get(p.customerId) : undefined;
    return segmentation.map((s, i) =>
      s.from === 'purchase' ? p.segment[i]! : (attributes?.[attributeSources[i]!] ?? UNKNOWN),
    );
  };

  // With one purchase column to segment by, a line's segment is found by its value alone.
  const singleColumn = segmentation.length === 1 && segmentation[0]!.from === 'purchase';
  const segmentByValue = new Map<string, number>();
  const lineSegmentOf = (p: Purchase): number => {
    if (!singleColumn) return cells.intern(segmentOf(p));
    const value = p.segment[0]!;
    let id = segmentByValue.get(value);
    if (id === undefined) {
      id = cells.intern([value]);
      segmentByValue.set(value, id);
    }
    return id;
  };

  return {
    // Unsegmented cells hold the one segment `[]` as id 0.
    ofCustomer: (p) => (segmented ? cells.intern(segmentOf(p)) : 0),
    ofLine: (p, customerSegment) => (lineLevelSegments ? lineSegmentOf(p) : customerSegment),
  };
}
