import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SAAS } from '../subscriptions/testing/worked-example.ts';
import { DatasetFacts } from './dashboard-header.tsx';
import { SHOP } from './testing/fixtures.ts';

describe('DatasetFacts', () => {
  it('says a purchase dataset’s customers and purchase lines', () => {
    render(<DatasetFacts dataset={{ ...SHOP, kind: 'purchases', rejected: 0 }} />);
    expect(screen.getByText(/ purchase lines/).textContent).toMatch(
      new RegExp(
        `^${SHOP.customers.toLocaleString('en-US')} customers · ${SHOP.accepted.toLocaleString('en-US')} purchase lines`,
      ),
    );
  });

  it('says where a connected dataset lives and not its customers, which only its queries count', () => {
    const source = {
      kind: 'postgres' as const,
      location: 'postgres://reader:***@db/shop',
      table: 'sales.purchases',
      map: {},
      position: null,
      customersTable: null,
      catalogTable: null,
      ttlSeconds: 600,
      lastReadAt: null,
      rows: 300,
      latestPurchaseAt: null,
      updatedAt: '2024-04-01T00:00:00.000Z',
    };
    render(<DatasetFacts dataset={{ ...SHOP, kind: 'purchases', rejected: 0, accepted: 300, source }} />);
    expect(screen.getByText(/ purchase lines/).textContent).toMatch(
      /^300 purchase lines at postgres:\/\/reader:\*\*\*@db\/shop \(sales\.purchases\)/,
    );
  });

  it('says a subscription dataset is subscription history, its rows and what was rejected', () => {
    render(<DatasetFacts dataset={{ ...SAAS, rejected: 2 }} />);
    expect(screen.getByText(/^Subscription history · 4 customers · 8 rows/)).toHaveTextContent(
      /· 2 rows rejected at import$/,
    );
  });
});
