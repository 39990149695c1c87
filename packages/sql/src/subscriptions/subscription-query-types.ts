import type {
  Definition,
  DefinitionInput,
  RowAccounting,
  SubscriptionCounters,
  SubscriptionField,
} from '@upsell/core';
import type { SqlDialect, SqlStatement, SqlTable } from '../types.ts';

/** What {@link compileMrrQuery} and {@link compileSubscriptionRateQuery} compile. */
export interface CompileSubscriptionOptions {
  dialect: SqlDialect;
  /** Period, zone, `by`, `from`/`to`; for the rate also `eligible` and `rule` (subscription rules). */
  definition: DefinitionInput;
  /** Subscription history in the states shape (one row per state), as the database describes it. */
  subscriptions: SqlTable;
  /** Explicit column mapping (`--map field=Column`), as for files. */
  map?: Partial<Record<SubscriptionField, string>>;
  /**
   * The column holding the input order (a line number, a load sequence): ties between states
   * starting at one instant go to the one first in it, as in a file. Without it, ties are broken
   * by the rows' own values; Parquet files have their row order.
   */
  position?: string;
  /** ISO 4217 code of the reporting currency; default `USD`. States in another currency are rejected (no rates in SQL). */
  currency?: string;
}

/**
 * One state of a subscription where some state overlaps its predecessor, as `tangled` lists it:
 * the walk ({@link acceptTangledStates}) keeps or rejects each in order.
 */
export interface TangledState {
  customer: string;
  subscription: string;
  /** The state's place in its subscription's order (start time, then input order), from 1. */
  n: number;
  /** Start and end (null: running) in milliseconds since 1970. */
  t0: number;
  t1: number | null;
}

/**
 * The subscription engine's counters in two steps: `tangled` lists the states of subscriptions
 * where one overlaps its predecessor (few, usually none), {@link acceptTangledStates} walks them as
 * the file reader does, and `statementWith(accepted)` is the one statement whose rows are the
 * counters. `runSubscriptionQuery` does the three.
 */
export interface CompiledSubscriptionQuery {
  dialect: SqlDialect;
  tangled: SqlStatement;
  statementWith(accepted: readonly Pick<TangledState, 'customer' | 'subscription' | 'n'>[]): SqlStatement;
  definition: Definition;
  /** The reporting currency. */
  currency: string;
}

/** The counters and accounting that a compiled subscription statement's rows hold. */
export interface SqlSubscriptionRows {
  counters: SubscriptionCounters;
  accounting: RowAccounting;
  /**
   * Rows rejected (among others, perhaps) because they name a currency other than the reporting
   * one: exchange rates are not read in SQL, so such a table is only right in one currency. A
   * front end words it ("N rows are in another currency than USD: ...").
   */
  otherCurrency: number;
}
