import type { SqlStatement } from '../types.ts';
import type { CompiledSubscriptionQuery, TangledState } from './subscription-query-types.ts';

const ms = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Reads the rows of a `tangled` statement: the states of subscriptions where one overlaps its
 * predecessor, in each subscription's order.
 */
export function readTangledStates(rows: readonly Record<string, unknown>[]): TangledState[] {
  return rows.map((row) => ({
    customer: String(row.c),
    subscription: String(row.s),
    n: Number(row.n),
    t0: ms(row.t0)!,
    t1: ms(row.t1),
  }));
}

/**
 * The states the file reader keeps of subscriptions where one overlaps its predecessor: in each
 * subscription's order, the first state is kept, and a later one only when the states kept so far
 * have ended by its start (a running state keeps every later one out). The rest are rejected rows.
 *
 * @example
 * acceptTangledStates([{ customer: 'A', subscription: 'a1', n: 1, t0: 0, t1: 10 }, { customer: 'A', subscription: 'a1', n: 2, t0: 5, t1: 20 }, { customer: 'A', subscription: 'a1', n: 3, t0: 10, t1: null }])
 * // the first and the third
 */
export function acceptTangledStates(states: readonly TangledState[]): TangledState[] {
  const accepted: TangledState[] = [];
  let key: string | undefined;
  let open = false;
  let end = 0;
  for (const state of states) {
    const subscription = JSON.stringify([state.customer, state.subscription]);
    let keep: boolean;
    if (subscription !== key) {
      key = subscription;
      keep = true;
    } else {
      keep = !open && state.t0 >= end;
    }
    if (keep) {
      accepted.push(state);
      open = state.t1 === null;
      end = state.t1 ?? end;
    }
  }
  return accepted;
}

/**
 * Runs a compiled subscription query with `run` (one statement at a time on the source): the
 * tangled states first, walked here, then the statement whose rows are the counters.
 *
 * @example
 * const rows = await runSubscriptionQuery(query, (s) => connection.query(s));
 * buildSqlMrrResult(query, rows);
 */
export async function runSubscriptionQuery(
  query: CompiledSubscriptionQuery,
  run: (statement: SqlStatement) => Promise<Record<string, unknown>[]>,
): Promise<Record<string, unknown>[]> {
  const tangled = readTangledStates(await run(query.tangled));
  return run(query.statementWith(acceptTangledStates(tangled)));
}
