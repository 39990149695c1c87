import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createPeriodCalendar } from '../time/period.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { createCustomerIndex } from './customer-index.ts';
import { emptyDoubles, emptyObjects } from './empty-arrays.ts';
import { createFamilyLevels } from './family-levels.ts';
import { createOrderRunLog } from './order-run-log.ts';
import { createRecordPages, ensureRecord } from './records.ts';
import { createSegmentCells } from './segment-cells.ts';
import { createSegmentResolver } from './segment-resolver.ts';
import { createUpsellEngine } from './upsell-engine.ts';

// A worker makes the engine and its parts anew for each pass. Their methods must be the same
// functions in every pass, or V8 compiles them again each pass (see docs/architecture.md).
const methodsOf = (object: object): [string, unknown][] => {
  const names = new Set<string>();
  for (let o: object | null = object; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
    for (const name of Object.getOwnPropertyNames(o)) if (name !== 'constructor') names.add(name);
  return [...names]
    .map((name) => [name, (object as Record<string, unknown>)[name]] as [string, unknown])
    .filter(([, value]) => typeof value === 'function');
};

const expectSharedMethods = (make: () => object, names: string[]) => {
  const a = make();
  const b = make();
  const methods = methodsOf(a);
  expect(methods.map(([name]) => name)).toEqual(expect.arrayContaining(names));
  for (const [name, method] of methods)
    expect([name, (b as Record<string, unknown>)[name]]).toEqual([name, method]);
};

describe('the objects a pass makes anew', () => {
  const zone = createTimeZoneOffsets('UTC');
  const calendar = createPeriodCalendar('month', zone);

  it('share their methods across instances, so V8 optimizes them once a thread', () => {
    expectSharedMethods(
      () => createUpsellEngine({ rule: 'tier', eligible: 'all', calendar, zone, segmentation: [] }),
      ['push', 'prefetch', 'snapshot', 'finish'],
    );
    expectSharedMethods(
      () =>
        createFamilyLevels({ byPrice: false, customers: createRecordPages(), headSlot: 7, orderTimeSlot: 5 }),
      ['stage', 'compare', 'commit', 'touch'],
    );
    expectSharedMethods(() => createSegmentCells(true), ['intern', 'customerCell', 'lineCell', 'keyOf']);
    expectSharedMethods(() => createCustomerIndex(), ['find', 'byKey', 'add']);
    expectSharedMethods(() => createOrderRunLog(), ['addFingerprint', 'firstRepeat']);
    expectSharedMethods(
      () => createSegmentResolver({ segmentation: [], cells: createSegmentCells(false) }),
      ['ofCustomer', 'ofLine'],
    );
  });

  it('start their arrays of objects and of fractions with the elements kind they will hold', () => {
    // V8's elements kinds are seen only with its natives syntax, in a process of their own.
    const script = `
      const emptyObjects = ${emptyObjects.toString()};
      const emptyDoubles = ${emptyDoubles.toString()};
      console.log(JSON.stringify([
        %HasObjectElements(emptyObjects()), %HasDoubleElements(emptyDoubles()),
        %HasSmiElements([]), emptyObjects().length, emptyDoubles().length,
      ]));`;
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([true, true, true, 0, 0]);
  });

  it('keep the records the engine and the family levels share', () => {
    const customers = createRecordPages();
    const levels = createFamilyLevels({ byPrice: false, customers, headSlot: 7, orderTimeSlot: 5 });
    // Customer 0's record must exist before its families are staged: the engine makes it first.
    ensureRecord(customers, 0);
    customers.ints[0]![7] = -1;
    const node = levels.stage(0, 'analytics', 2, 1);
    expect(customers.ints[0]![7]).toBe(node);
    expect(levels.compare(node, 3, 1)).toBe('cross_sell');
    levels.commit(0);
    expect(levels.compare(node, 3, 1)).toBe('upsell');
    expect(levels.compare(node, 1, 1)).toBe('downgrade');
  });
});
