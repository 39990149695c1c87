import { describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../definition.ts';
import { isUpsellError } from '../errors.ts';
import { createPeriodCalendar } from '../time/period.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import type { SubscriptionDrillFigure } from './mrr-movements-schema.ts';
import {
  buildSubscriptionDrillDown,
  mergeSubscriptionExplanations,
  type SubscriptionExplainTarget,
} from './subscription-drill-down.ts';
import { byCustomer, runEngine, stateOf, WORKED_EXAMPLE } from './subscription-engine.test-support.ts';
import { createSubscriptionEngine } from './subscription-engine.ts';

const worked = () => WORKED_EXAMPLE.map((row) => stateOf(row));
const drill = (
  period: string,
  figure: SubscriptionDrillFigure,
  extra: Partial<SubscriptionExplainTarget> = {},
) => runEngine(worked(), {}, { explain: { period, figure, ...extra } }).drillDown!;

describe('buildSubscriptionDrillDown on the worked example', () => {
  it('lists A and C behind March expansion 45 with their movements in words', () => {
    const page = drill('2024-03', 'expansion');
    expect(page).toMatchObject({
      period: '2024-03',
      segment: {},
      figure: 'expansion',
      value: 45,
      total: 2,
      offset: 0,
    });
    expect(page.customers.map((c) => [c.customerId, c.mrrStart, c.mrrEnd, c.eligible, c.qualifying])).toEqual(
      [
        ['A', 10, 30, true, true],
        ['C', 10, 35, true, true],
      ],
    );
    expect(page.customers[0]!.movements.map((m) => m.reason)).toEqual([
      'plan basic -> pro (tier 1 -> 2) on 2024-03-10: +20.00 MRR, upgrade',
    ]);
    expect(page.customers[1]!.movements[0]!.parts.map((p) => [p.cause, p.value])).toEqual([
      ['quantity', 20],
      ['add_on', 5],
    ]);
  });

  it('gives the start, end and churn figures with the customers behind them', () => {
    const start = drill('2024-02', 'start');
    expect([start.value, start.customers.map((c) => c.customerId)]).toEqual([30, ['A', 'B', 'D']]);
    // Start lists every movement of the period: D's churn on the 10th.
    expect(start.customers[2]!.movements.map((m) => [m.date, m.kind])).toEqual([['2024-02-10', 'churn']]);
    const end = drill('2024-04', 'end');
    expect([end.value, end.customers.map((c) => [c.customerId, c.mrrEnd])]).toEqual([
      65,
      [
        ['A', 30],
        ['C', 35],
      ],
    ]);
    const churn = drill('2024-04', 'churn');
    expect([churn.value, churn.customers.map((c) => c.customerId)]).toEqual([10, ['B']]);
    const reactivation = drill('2024-05', 'reactivation');
    expect([reactivation.value, reactivation.customers.map((c) => c.customerId)]).toEqual([10, ['D']]);
    expect(drill('2024-01', 'new').value).toBe(30);
  });

  it('lists the rate eligible and qualifying customers as counts (value null)', () => {
    const eligible = drill('2024-05', 'eligible');
    expect([eligible.value, eligible.total, eligible.customers.map((c) => c.customerId)]).toEqual([
      null,
      2,
      ['A', 'C'],
    ]);
    const qualifying = drill('2024-03', 'qualifying');
    expect([qualifying.value, qualifying.total, qualifying.customers.map((c) => c.customerId)]).toEqual([
      null,
      2,
      ['A', 'C'],
    ]);
    const upgrade = runEngine(
      worked(),
      { rule: 'upgrade' },
      { explain: { period: '2024-03', figure: 'qualifying' } },
    );
    expect(upgrade.drillDown!.customers.map((c) => c.customerId)).toEqual(['A']);
  });

  it('has value 0 and nobody for a figure with nothing behind it', () => {
    expect(drill('2024-03', 'contraction')).toMatchObject({ value: 0, total: 0, customers: [] });
  });

  it('pages by offset and limit after sorting by customer id, keeping the whole figure value', () => {
    const definition = DefinitionSchema.parse({ period: 'month' });
    const calendar = createPeriodCalendar('month', 'UTC');
    const engine = createSubscriptionEngine({
      definition,
      calendar,
      zone: createTimeZoneOffsets('UTC'),
      explain: { period: '2024-02', figure: 'start' },
    });
    // Customers added in reverse: the page is still by customer id.
    for (const [id, list] of [...byCustomer(worked())].reverse()) engine.addCustomer(id, list, []);
    const page = buildSubscriptionDrillDown(
      engine.explanation()!,
      { definition, calendar },
      { offset: 1, limit: 1 },
    );
    expect(page).toMatchObject({ value: 30, total: 3, offset: 1 });
    expect(page.customers.map((c) => c.customerId)).toEqual(['B']);
    const searched = buildSubscriptionDrillDown(
      engine.explanation()!,
      { definition, calendar },
      { search: 'd' },
    );
    expect(searched.customers.map((c) => c.customerId)).toEqual(['D']);
  });

  it('stops with LIMIT_EXCEEDED once more customers than the limit are behind the figure', () => {
    expect(() => drill('2024-03', 'expansion', { limit: 1 })).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED', details: { limit: 1 } }),
    );
    expect(drill('2024-03', 'expansion', { limit: 2 }).total).toBe(2);
  });

  it('wants a value for every segment column and refuses a column the definition is not segmented by', () => {
    const states = worked();
    const catches = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isUpsellError(error, 'INVALID_ARGUMENT') ? error.details : error;
      }
      return 'no error';
    };
    expect(
      catches(() =>
        runEngine(states, { by: ['channel'] }, { explain: { period: '2024-03', figure: 'new' } }),
      ),
    ).toMatchObject({ missing: ['channel'] });
    expect(
      catches(() =>
        runEngine(states, {}, { explain: { period: '2024-03', figure: 'new', segment: { region: 'EU' } } }),
      ),
    ).toMatchObject({ column: 'region' });
  });

  it('explains one segment only, with its segment in the page', () => {
    const segments = { A: ['web'], B: ['sales'], C: ['web'], D: ['sales'] };
    const page = runEngine(
      worked(),
      { by: ['channel'] },
      { segments, explain: { period: '2024-02', figure: 'start', segment: { channel: 'sales' } } },
    ).drillDown!;
    expect(page).toMatchObject({ segment: { channel: 'sales' }, value: 20, total: 2 });
  });

  it('merges shards explanations into the one explanation of all customers', () => {
    const definition = DefinitionSchema.parse({ period: 'month' });
    const calendar = createPeriodCalendar('month', 'UTC');
    const zone = createTimeZoneOffsets('UTC');
    const explain: SubscriptionExplainTarget = { period: '2024-03', figure: 'end' };
    const shards = [
      createSubscriptionEngine({ definition, calendar, zone, explain }),
      createSubscriptionEngine({ definition, calendar, zone, explain }),
    ];
    let i = 0;
    for (const [id, list] of byCustomer(worked())) shards[i++ % 2]!.addCustomer(id, list, []);
    const merged = mergeSubscriptionExplanations(shards.map((s) => s.explanation()!));
    const whole = runEngine(worked(), {}, { explain }).drillDown!;
    expect(buildSubscriptionDrillDown(merged, { definition, calendar })).toEqual(whole);
    expect(whole.value).toBe(75);
  });
});
