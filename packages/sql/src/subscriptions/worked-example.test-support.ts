// Test-only: the worked example of SUBSCRIPTIONS.md as a states table.
import type { TextTable } from './subscription-table.test-support.ts';

export const WORKED_EXAMPLE: TextTable = {
  header: [
    'customer_id',
    'subscription_id',
    'plan_id',
    'tier',
    'starts_at',
    'ends_at',
    'amount',
    'interval',
    'quantity',
  ],
  rows: [
    ['A', 'a1', 'basic', '1', '2024-01-05', '2024-03-10', '10.00', 'month', '1'],
    ['A', 'a1', 'pro', '2', '2024-03-10', '', '30.00', 'month', '1'],
    ['B', 'b1', 'basic', '1', '2024-01-20', '2024-04-01', '120.00', 'year', '1'],
    ['C', 'c1', 'basic', '1', '2024-02-01', '2024-03-15', '10.00', 'month', '1'],
    ['C', 'c1', 'basic', '1', '2024-03-15', '', '30.00', 'month', '3'],
    ['C', 'c2', 'addon', '1', '2024-03-15', '', '5.00', 'month', '1'],
    ['D', 'd1', 'basic', '1', '2024-01-10', '2024-02-10', '10.00', 'month', '1'],
    ['D', 'd1', 'basic', '1', '2024-05-01', '', '10.00', 'month', '1'],
  ],
};
