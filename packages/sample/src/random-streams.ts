/**
 * The independent random streams of one sample, so that each part can be recomputed on its
 * own: the day plan, the customers' attributes (read by both files) and the purchases.
 *
 * @example
 * createRandom(seed, RANDOM_STREAMS.purchases)
 */
export const RANDOM_STREAMS = Object.freeze({ plan: 0, customers: 1, purchases: 2 });
