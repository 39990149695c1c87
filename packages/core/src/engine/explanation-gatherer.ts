import type { Eligibility, ResolvedRule } from '../definition.ts';
import { UpsellError } from '../errors.ts';
import type { Purchase } from '../input/purchase.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import { segmentKey } from './engine-counters.ts';
import type { ExplainedCustomer, ExplainedLine, ExplainTarget, Explanation } from './explanation.ts';
import { type EarlierLevel, lineReason, type ReasonBasis } from './line-reason.ts';
import type { Movement } from './movement.ts';
import type { SegmentCells } from './segment-cells.ts';

/** Options of {@link createExplanationGatherer}. */
export interface ExplanationGathererOptions {
  target: ExplainTarget;
  rule: ResolvedRule;
  eligible: Eligibility;
  zone: TimeZoneOffsets;
  segments: Pick<SegmentCells, 'keyOf' | 'valuesOf'>;
  /** The time of a customer's initial order, by the engine's customer number. */
  initialOrderAt(customer: number): number;
  /** The earlier level the last line classified was compared with (tier and price rules). */
  lastComparison(): EarlierLevel | undefined;
}

/** Collects the customers and lines behind one result row while the engine classifies. */
export interface ExplanationGatherer {
  /** The period index of the row: lines of other periods need not be offered. */
  readonly period: number;
  readonly explanation: Explanation;
  /**
   * A new customer: listed when eligible in the row's period and segment, so that customers
   * without lines in the period are in the denominator's list too.
   */
  addCustomer(customer: number, customerId: string, initialPeriod: number, segment: number): void;
  /** A classified line of the row's period, with its customer's and its own segment. */
  addLine(
    customer: number,
    p: Purchase,
    movement: Movement,
    customerSegment: number,
    lineSegment: number,
    eligible: boolean,
  ): void;
}

/**
 * Gathers what is behind one row of a result: its eligible customers with their lines, and its
 * lines, each with the reason it was classified so. Past `target.limit` customers and lines
 * together it throws `LIMIT_EXCEEDED`, so that a row with millions behind it does not fill the
 * memory.
 *
 * @example
 * const gatherer = createExplanationGatherer({ target, rule, eligible, zone, segments, initialOrderAt, lastComparison });
 * gatherer.addLine(c, purchase, 'upsell', segment, segment, true);
 * gatherer.explanation.customers; // [{ customerId: 'C1', upsell: true, lines: [...] }]
 */
export function createExplanationGatherer(options: ExplanationGathererOptions): ExplanationGatherer {
  const { target, rule, eligible, zone, segments } = options;
  const explainKey = segmentKey(target.segment);
  const gatherCustomers = target.gather !== 'lines';
  const gatherLines = target.gather !== 'customers';
  const explainLimit = target.limit ?? Number.POSITIVE_INFINITY;
  const explanation: Explanation = { customers: [], lines: [] };
  const byCustomer = new Map<number, ExplainedCustomer>();
  let explained = 0;
  const countExplained = () => {
    if (++explained > explainLimit) {
      throw new UpsellError(
        'LIMIT_EXCEEDED',
        `more than ${explainLimit.toLocaleString('en-US')} customers and lines are behind this row, more than a drill-down lists: choose a shorter period or a segment`,
        { limit: explainLimit },
      );
    }
  };

  const explainLine = (c: number, p: Purchase, movement: Movement): ExplainedLine => {
    const basis: ReasonBasis = { rule, zone, initialOrderAt: options.initialOrderAt(c) };
    const earlier = options.lastComparison();
    if (earlier !== undefined) basis.earlier = earlier;
    const line: ExplainedLine = {
      customerId: p.customerId,
      file: p.file,
      line: p.line,
      purchasedAt: p.purchasedAt,
      productId: p.productId,
      family: p.family,
      tier: p.tier,
      amount: p.amount,
      quantity: p.quantity,
      movement,
      reason: lineReason(p, movement, basis),
    };
    if (p.orderId !== undefined) line.orderId = p.orderId;
    return line;
  };

  const explainCustomer = (c: number, customerId: string, segment: number): ExplainedCustomer => {
    let entry = byCustomer.get(c);
    if (entry === undefined) {
      entry = {
        customerId,
        initialOrderAt: options.initialOrderAt(c),
        segment: segments.valuesOf(segment),
        upsell: false,
        crossSell: false,
        lines: [],
      };
      countExplained();
      byCustomer.set(c, entry);
      explanation.customers.push(entry);
    }
    return entry;
  };

  return {
    period: target.period,
    explanation,
    addCustomer(c, customerId, initialPeriod, segment) {
      if (gatherCustomers && explainKey === segments.keyOf(segment) && eligible !== 'active') {
        if (eligible === 'all' ? initialPeriod <= target.period : initialPeriod < target.period)
          explainCustomer(c, customerId, segment);
      }
    },
    addLine(c, p, movement, customerSegment, lineSegment, eligibleNow) {
      if (gatherCustomers && segments.keyOf(customerSegment) === explainKey && eligibleNow) {
        const entry = explainCustomer(c, p.customerId, customerSegment);
        countExplained();
        entry.lines.push(explainLine(c, p, movement));
        if (movement === 'upsell') entry.upsell = true;
        if (movement === 'cross_sell') entry.crossSell = true;
      }
      if (gatherLines && segments.keyOf(lineSegment) === explainKey) {
        countExplained();
        explanation.lines.push(explainLine(c, p, movement));
      }
    },
  };
}
