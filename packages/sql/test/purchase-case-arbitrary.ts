import fc from 'fast-check';
import type {
  CaseCatalog,
  CaseColumn,
  CaseColumnKey,
  CaseCustomers,
  CaseRow,
  Cell,
  PurchaseCase,
  TimeMode,
} from './purchase-case.ts';

// Wall-clock times where periods turn: year, month, quarter and ISO-week ends (2024-12-30 is a
// Monday in 2025-W01; 2021-01-03 is a Sunday in 2020-W53), and the Europe/Paris DST gap
// (2024-03-31T02:30 does not exist) and overlap (2024-10-27T02:30 happens twice).
const BOUNDARY_WALL_TIMES = [
  '2023-12-31T23:30:00',
  '2024-01-01T00:00:00',
  '2024-01-01T00:45:00',
  '2024-01-31T23:59:59.999',
  '2024-02-01T00:00:00',
  '2024-02-29T23:30:00',
  '2024-03-31T01:59:00',
  '2024-03-31T02:00:00',
  '2024-03-31T02:30:00',
  '2024-03-31T02:59:59.500',
  '2024-03-31T03:00:00',
  '2024-03-31T23:30:00',
  '2024-04-01T00:15:00',
  '2024-06-30T22:30:00',
  '2024-07-01T00:30:00',
  '2024-10-27T01:30:00',
  '2024-10-27T02:00:00',
  '2024-10-27T02:30:00',
  '2024-10-27T02:59:00',
  '2024-10-27T03:10:00',
  '2024-12-29T23:30:00',
  '2024-12-30T00:10:00',
  '2024-12-31T23:59:00',
  '2025-01-01T00:00:00',
];
const FAR_WALL_TIMES = ['2021-01-03T12:00:00', '2021-01-04T00:00:00'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A value now and then: `arbitrary` once in `every` draws, else undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: every - 1 }, { arbitrary, weight: 1 });

/** Any minute of 2024 (sometimes with seconds and milliseconds). */
const wallTimeIn2024 = fc
  .record({
    minute: fc.integer({ min: 0, max: 366 * 24 * 60 - 1 }),
    second: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, fc.integer({ min: 0, max: 59 })),
    milli: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, fc.integer({ min: 1, max: 999 })),
  })
  .map(({ minute, second, milli }) => {
    const d = new Date(Date.UTC(2024, 0, 1) + minute * 60_000);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(second)}`;
    return `${date}T${time}${milli > 0 ? `.${pad(milli, 3)}` : ''}`;
  });

const wallTime = fc.oneof(
  { arbitrary: fc.constantFrom(...BOUNDARY_WALL_TIMES), weight: 6 },
  { arbitrary: wallTimeIn2024, weight: 3 },
  { arbitrary: fc.constantFrom(...FAR_WALL_TIMES), weight: 1 },
);

/** A moment lines are bought at: a wall time, an offset (timestamptz, text) and how text writes it. */
interface Moment {
  wall: string;
  offset: string;
  separator: string;
  seconds: boolean;
  bareDate: boolean;
}

const moment = fc.record({
  wall: wallTime,
  offset: fc.constantFrom('', 'Z', 'z', '+01:00', '+02:00', '-05:00', '+05:30', '+0100', '+02'),
  separator: fc.constantFrom('T', 'T', 'T', ' ', 't'),
  seconds: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)),
  bareDate: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, fc.constant(true)),
});

/** The text of a moment in a column of the given mode. */
function momentText(m: Moment, mode: TimeMode): string {
  const date = m.wall.slice(0, 10);
  if (mode === 'date') return date;
  if (mode === 'timestamp') return m.wall;
  if (mode === 'timestamptz') {
    // Offsets the databases read in a timestamptz literal; every moment needs one to be an instant.
    const offset = ['', 'z', '+0100', '+02'].includes(m.offset) ? 'Z' : m.offset;
    return `${m.wall}${offset}`;
  }
  if (m.bareDate) return date;
  const clock = m.seconds ? m.wall.slice(11) : m.wall.slice(11, 16);
  return `${date}${m.separator}${clock}${m.offset}`;
}

/** A row's defect, applied when the row has the column: each makes the engine reject the row. */
const DEFECTS = [
  'customer-blank',
  'customer-null',
  'product-blank',
  'time-null',
  'amount-negative',
  'tier-negative',
  'quantity-negative',
  'kind-unknown',
  'time-invalid',
  'amount-junk',
  'tier-junk',
] as const;
type Defect = (typeof DEFECTS)[number];

const line = fc.record({
  /** Another moment of the case for this line (an order spread in time), else the order's. */
  spread: sometimes(fc.nat(), 5),
  product: fc.constantFrom('basic', 'pro', 'max', 'addon', 'legacy', ' pro '),
  tier: fc.option(fc.constantFrom('0', '1', '2', '3', '1', '2'), { freq: 5, nil: null }),
  family: fc.constantFrom<Cell>('plan', 'plan', 'storage', 'Plan', '', null),
  kind: fc.constantFrom<Cell>(
    'upsell',
    'Up-sell',
    'upgrade',
    'Add-On',
    'cross_sell',
    'new',
    'renewal',
    'repeat',
    ' UPSELL ',
    '',
    null,
  ),
  amount: fc.oneof(
    {
      arbitrary: fc.constantFrom<Cell>('10', '20', '30', '12.5', '0.0001', '19.99', '0', '5.0000', null),
      weight: 3,
    },
    {
      arbitrary: fc
        .integer({ min: 0, max: 999_999 })
        .map((units) => `${Math.floor(units / 10_000)}.${pad(units % 10_000, 4)}`),
      weight: 2,
    },
  ),
  /**
   * An amount as a text column may write it: a leading zero, spaces. Thousands separators and
   * currencies are plain-decimal-only in SQL sources, a documented limit (text-amount-limit.test.ts).
   */
  amountText: sometimes(fc.constantFrom('019.99', ' 12.5 ', '7'), 6),
  quantity: fc.constantFrom<Cell>('1', '1', '2', '0', '1.5', '3', null),
  channel: fc.constantFrom<Cell>('online', 'online', 'sales', 'partner', ' online ', '', null),
  defect: sometimes(fc.constantFrom(...DEFECTS), 8),
});

const order = fc.record({
  customer: fc.nat(),
  /** An order id (`o1` on two customers is two orders), or none: lines at one time are one order. */
  orderId: fc.option(fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'order 6'), { freq: 3, nil: null }),
  moment: fc.nat(),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
});

// Ids as written: ' c1 ' is c1 after trimming, C1 is another customer (case matters).
const CUSTOMER_IDS = ['c1', 'c2', 'c3', 'C1', 'c5', 'c6'];

const NAMES: Record<CaseColumnKey, readonly string[]> = {
  customer_id: ['customer_id', 'customer_id', 'customer', 'Customer ID'],
  purchased_at: ['purchased_at', 'purchased_at', 'order_date', 'Order Date'],
  product_id: ['product_id', 'product_id', 'sku'],
  order_id: ['order_id', 'order_id', 'order'],
  kind: ['kind', 'type'],
  tier: ['tier'],
  family: ['family', 'product_family'],
  amount: ['amount', 'amount', 'revenue'],
  quantity: ['quantity', 'qty'],
  channel: ['channel'],
};

const layout = fc.record({
  timeMode: fc.constantFrom<TimeMode>('timestamp', 'timestamptz', 'text', 'timestamp', 'timestamptz', 'date'),
  order_id: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, fc.constant(false)),
  kind: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, fc.constant(true)),
  tier: fc.boolean(),
  family: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
  amount: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
  quantity: fc.boolean(),
  channel: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
  names: fc.record(
    Object.fromEntries(Object.entries(NAMES).map(([key, names]) => [key, fc.constantFrom(...names)])) as {
      [K in CaseColumnKey]: fc.Arbitrary<string>;
    },
  ),
  floatNumbers: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, fc.constant(true)),
  /** Name purchased_at `Booked At`, which only a mapping finds. */
  mappedTime: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, fc.constant(true)),
});

const customersTable = fc.record({
  idColumn: fc.constantFrom('customer_id', 'client_id'),
  /** Also a `channel` attribute, which a purchase column of that name wins over. */
  channelAttribute: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, fc.constant(true)),
  listed: fc.array(fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)), {
    minLength: CUSTOMER_IDS.length,
    maxLength: CUSTOMER_IDS.length,
  }),
  regions: fc.array(fc.constantFrom<Cell>('emea', 'amer', 'emea', ' apac ', '', null), {
    minLength: CUSTOMER_IDS.length + 1,
    maxLength: CUSTOMER_IDS.length + 1,
  }),
  channels: fc.array(fc.constantFrom<Cell>('direct', 'online', null), {
    minLength: CUSTOMER_IDS.length + 1,
    maxLength: CUSTOMER_IDS.length + 1,
  }),
});

const catalogTable = fc.record({ hasFamily: fc.boolean(), withLegacy: fc.boolean() });

/** Applies a defect to a row's cells when the row has the column it spoils. */
function spoil(cells: Partial<Record<CaseColumnKey, Cell>>, defect: Defect, mode: TimeMode): void {
  const has = (key: CaseColumnKey) => key in cells;
  const text = mode === 'text';
  switch (defect) {
    case 'customer-blank':
      cells.customer_id = '  ';
      break;
    case 'customer-null':
      cells.customer_id = null;
      break;
    case 'product-blank':
      cells.product_id = '';
      break;
    case 'time-null':
      cells.purchased_at = text ? '' : null;
      break;
    case 'amount-negative':
      if (has('amount')) cells.amount = '-5';
      break;
    case 'tier-negative':
      if (has('tier')) cells.tier = '-1';
      break;
    case 'quantity-negative':
      if (has('quantity')) cells.quantity = '-1';
      break;
    case 'kind-unknown':
      if (has('kind')) cells.kind = 'bogus';
      break;
    case 'time-invalid':
      if (text) cells.purchased_at = '2024-02-30T10:00:00';
      break;
    case 'amount-junk':
      if (text && has('amount')) cells.amount = '12.34567';
      break;
    case 'tier-junk':
      if (text && has('tier')) cells.tier = '2.0';
      break;
  }
}

/**
 * Random purchase tables that provoke every hard case of the engine: several customers (ids
 * with spaces, ids differing by case), ties (orders at one time, lines without order_id at one
 * time next to an order with one), orders spread over moments (across period ends), unsorted
 * positions, blanks everywhere, amounts with 4 decimals, quantities 0 and 1.5, kind spellings,
 * times at period ends and in the Europe/Paris DST gap and overlap, bad rows; with a customers
 * table (a customer missing, blank attributes) and a catalog now and then.
 *
 * @example
 * fc.assert(fc.property(purchaseCaseArbitrary(), (purchaseCase) => ...))
 */
export function purchaseCaseArbitrary(): fc.Arbitrary<PurchaseCase> {
  return fc
    .record({
      layout,
      moments: fc.array(moment, { minLength: 2, maxLength: 6 }),
      customerCount: fc.integer({ min: 1, max: CUSTOMER_IDS.length }),
      orders: fc.array(order, { minLength: 1, maxLength: 12 }),
      spacedIds: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, fc.constant(true)),
      customers: fc.option(customersTable, { freq: 2, nil: undefined }),
      catalog: sometimes(catalogTable, 3),
      /**
       * Positions in time order (an export sorted by time), each customer's lines in time order
       * but customers interleaved (the engine streams both), or shuffled (it replays sorted).
       */
      positionOrder: fc.constantFrom('time', 'customer time', 'shuffled', 'shuffled'),
      positionSeed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
      insertSeed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
      positionStep: fc.integer({ min: 1, max: 5 }),
    })
    .map((drawn) => {
      const { layout: l, moments } = drawn;
      const keys: CaseColumnKey[] = [
        'customer_id',
        'purchased_at',
        'product_id',
        ...(['order_id', 'kind', 'tier', 'family', 'amount', 'quantity', 'channel'] as const).filter(
          (k) => l[k],
        ),
      ];
      const columns: CaseColumn[] = keys.map((key) => ({ key, name: l.names[key] }));
      const map: PurchaseCase['map'] = {};
      if (l.mappedTime) {
        columns[1] = { key: 'purchased_at', name: 'Booked At' };
        map.purchased_at = 'Booked At';
      }
      const mode = l.timeMode;
      const numericText = (value: Cell) => (mode === 'text' || value !== '' ? value : null);
      const cellsOf: Partial<Record<CaseColumnKey, Cell>>[] = [];
      const timeOf: number[] = [];
      const customerOf: number[] = [];
      for (const o of drawn.orders) {
        const customerIndex = o.customer % drawn.customerCount;
        for (const ln of o.lines) {
          const at = moments[(ln.spread ?? o.moment) % moments.length]!;
          let id = CUSTOMER_IDS[customerIndex]!;
          if (drawn.spacedIds && cellsOf.length % 3 === 1) id = ` ${id} `;
          const all: Record<CaseColumnKey, Cell> = {
            customer_id: id,
            purchased_at: momentText(at, mode),
            product_id: ln.product,
            order_id: o.orderId,
            kind: ln.kind,
            tier: ln.tier,
            family: ln.family,
            amount: mode === 'text' && ln.amountText !== undefined ? ln.amountText : numericText(ln.amount),
            quantity: numericText(ln.quantity),
            channel: ln.channel,
          };
          const cells: Partial<Record<CaseColumnKey, Cell>> = {};
          for (const key of keys) cells[key] = all[key];
          if (ln.defect) spoil(cells, ln.defect, mode);
          cellsOf.push(cells);
          // The line's time as an export sorts it: its instant, or its wall time read as UTC.
          timeOf.push(Date.parse(mode === 'timestamptz' ? momentText(at, mode) : `${at.wall}Z`));
          customerOf.push(customerIndex);
        }
      }
      const n = cellsOf.length;
      const permutation = (seed: number[]) =>
        [...Array(n).keys()].sort((a, b) => seed[a % seed.length]! - seed[b % seed.length]! || a - b);
      // Positions (with gaps, as a load sequence has): by time, ties in the order the lines were
      // drawn (an order's lines together), or a shuffle of the lines, or a shuffle in which each
      // customer's lines are then put in time order in the places they took.
      const byTime = (a: number, b: number) => timeOf[a]! - timeOf[b]! || a - b;
      let byPosition =
        drawn.positionOrder === 'time' ? [...Array(n).keys()].sort(byTime) : permutation(drawn.positionSeed);
      if (drawn.positionOrder === 'customer time') {
        const shuffled = byPosition;
        byPosition = [...shuffled];
        for (const customer of new Set(customerOf)) {
          const places = shuffled.flatMap((line, place) => (customerOf[line] === customer ? [place] : []));
          const lines = places.map((place) => shuffled[place]!).sort(byTime);
          places.forEach((place, k) => {
            byPosition[place] = lines[k]!;
          });
        }
      }
      const pos = new Array<number>(n);
      byPosition.forEach((lineIndex, rank) => {
        pos[lineIndex] = 3 + rank * drawn.positionStep;
      });
      const rows: CaseRow[] = permutation(drawn.insertSeed).map((i) => ({
        pos: pos[i]!,
        cells: cellsOf[i]!,
      }));
      const purchaseCase: PurchaseCase = { timeMode: mode, columns, rows, map };
      if (l.floatNumbers && mode !== 'text') purchaseCase.floatNumbers = true;
      if (drawn.customers) purchaseCase.customers = customersOf(drawn.customers);
      if (drawn.catalog) purchaseCase.catalog = catalogOf(drawn.catalog);
      return purchaseCase;
    });
}

function customersOf(drawn: {
  idColumn: string;
  channelAttribute: boolean;
  listed: boolean[];
  regions: Cell[];
  channels: Cell[];
}): CaseCustomers {
  const ids = [...CUSTOMER_IDS.filter((_, i) => drawn.listed[i]), 'ghost'];
  return {
    idColumn: drawn.idColumn,
    attributes: drawn.channelAttribute ? ['region', 'channel'] : ['region'],
    rows: ids.map((id, i) => ({
      id,
      values: drawn.channelAttribute ? [drawn.regions[i]!, drawn.channels[i]!] : [drawn.regions[i]!],
    })),
  };
}

function catalogOf(drawn: { hasFamily: boolean; withLegacy: boolean }): CaseCatalog {
  const rows = [
    { product: 'basic', tier: 1, family: 'plan' },
    { product: 'pro', tier: 2, family: 'plan' },
    { product: 'max', tier: 3, family: 'plan' },
    { product: 'addon', tier: 1, family: 'storage' },
  ];
  if (drawn.withLegacy) rows.push({ product: 'legacy', tier: 0, family: '' });
  return { hasFamily: drawn.hasFamily, rows };
}
