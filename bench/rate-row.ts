/** One row of the customer upsell rate by month and channel, as both implementations report it. */
export interface RateRow {
  /** Month label, `YYYY-MM` in UTC. */
  period: string;
  /** Channel on the first line of the customer's initial order. */
  channel: string;
  numerator: number;
  denominator: number;
}
