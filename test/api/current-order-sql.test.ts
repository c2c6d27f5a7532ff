import { createClient } from '@libsql/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderOn } from '../../shared/cra/month-forecast';
import { CURRENT_ORDER_START } from '../../worker/use-cases/save-cra';

/** The CRA save reads the other months from the current order's start, chosen in SQL: it must be the order `orderOn` chooses. */
describe('CURRENT_ORDER_START', () => {
  it('starts where orderOn\'s order starts, whatever the orders and the day', async () => {
    const db = createClient({ url: ':memory:' });
    await db.execute('CREATE TABLE purchase_orders (mission_id TEXT, starts_on TEXT, ends_on TEXT)');
    const day = fc.integer({ min: 0, max: 1000 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const order = fc.tuple(day, day).map(([a, b]) => (a <= b ? { startsOn: a, endsOn: b } : { startsOn: b, endsOn: a }));
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 5 }), day, async (orders, today) => {
        await db.execute('DELETE FROM purchase_orders');
        for (const o of orders) await db.execute({ sql: "INSERT INTO purchase_orders VALUES ('m1', ?, ?)", args: [o.startsOn, o.endsOn] });
        const rs = await db.execute({ sql: `SELECT ${CURRENT_ORDER_START} AS s FROM (SELECT 'm1' AS id) m`, args: [null, null, null, today] });
        expect(rs.rows[0]!.s).toBe(orderOn(orders, today).startsOn);
      }),
      { numRuns: 300 },
    );
    db.close();
  });
});
