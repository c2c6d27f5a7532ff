import { and, eq, sql } from 'drizzle-orm';
import { Hono } from '../http/hono';
import * as v from 'valibot';
import { isoDateOf } from '../../shared/dates';
import { quantityToMilli } from '../../shared/money';
import { regimeFor, resolvePlan } from '../../shared/payout/regimes';
import { MissionCreateBody, MissionPatchBody, OPEN_ENDED, RenewalBody } from '../../shared/schemas/mission';
import { missions, purchaseOrders } from '../db/schema';
import { bumpChangeSeq, writeBatch, currentChangeSeq } from '../db/batch';
import type { AppEnv } from '../deps';
import { newId } from '../http/crypto';
import { fail, notFound, unprocessable } from '../http/errors';
import { validate } from '../http/validate';
import { loadMission, orderMonths, orderOn, type MissionRow, type OrderRow } from '../use-cases/load-mission';
import { jsonObjectOf, rowFromJson } from '../db/json-rows';
import type { Client } from '@libsql/client';
import { loadProfile } from './profile';
import { missionView, readMission } from '../use-cases/mission-view';

const BUYER_FIELDS = [
  'title', 'serviceDescription', 'clientVatNumber', 'clientAddressLine', 'clientPostcode', 'clientCity', 'clientElectronicAddress', 'clientElectronicAddressScheme',
] as const;
type BuyerFields = { [K in (typeof BUYER_FIELDS)[number]]: string | null };

/** The buyer fields to write: given ones (null or '' clears), else the mission's current values. */
function buyerFieldsOf(b: Partial<Record<(typeof BUYER_FIELDS)[number], string | null | undefined>>, current: BuyerFields | null): BuyerFields {
  const out = {} as BuyerFields;
  for (const k of BUYER_FIELDS) out[k] = b[k] === undefined ? (current?.[k] ?? null) : b[k] || null;
  return out;
}

/** A user's missions and purchase orders in one statement (see db/json-rows.ts), each with its rowid to keep the insertion order of ties. */
const LIST_MISSIONS_SQL = `SELECT 'm' AS k, ${jsonObjectOf(missions, 'm')} AS j, m.rowid AS r FROM missions m WHERE m.user_id = ?1
  UNION ALL SELECT 'o', ${jsonObjectOf(purchaseOrders, 'o')}, o.rowid FROM purchase_orders o WHERE o.user_id = ?1`;

/** The CRAs of the months given per mission, `[[missionId, firstMonth, lastMonth], …]` as JSON (along the (mission, month) index). */
const LIST_CRAS_SQL = `SELECT c.mission_id, c.month, c.days FROM json_each(?2) w
  JOIN cras c ON c.mission_id = w.value ->> 0 AND c.month BETWEEN w.value ->> 1 AND w.value ->> 2
  WHERE c.user_id = ?1`;

/** Sorts by `key`, ties by rowid. */
const inOrder = <T>(key: (row: T) => string) => (a: { row: T; rowid: number }, b: { row: T; rowid: number }) =>
  key(a.row) < key(b.row) ? -1 : key(a.row) > key(b.row) ? 1 : a.rowid - b.rowid;

/** Missions by creation, each one's orders by start, ties in the order they were written (as the indexes list them). */
async function readMissionsAndOrders(client: Client, userId: string) {
  const rs = await client.execute({ sql: LIST_MISSIONS_SQL, args: [userId] });
  const ms: { row: MissionRow; rowid: number }[] = [];
  const os: { row: OrderRow; rowid: number }[] = [];
  for (const r of rs.rows) {
    if (r.k === 'm') ms.push({ row: rowFromJson(missions, r.j), rowid: Number(r.r) });
    else os.push({ row: rowFromJson(purchaseOrders, r.j), rowid: Number(r.r) });
  }
  ms.sort(inOrder((m) => m.createdAt));
  os.sort(inOrder((o) => o.startsOn));
  const orders = new Map<string, OrderRow[]>();
  for (const { row } of os) {
    if (!orders.has(row.missionId)) orders.set(row.missionId, []);
    orders.get(row.missionId)!.push(row);
  }
  return { missionRows: ms.map((x) => x.row), ordersOf: (id: string) => orders.get(id) ?? [] };
}

const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

/** Missions and their purchase orders (BDC). Rate and plan change only by renewal once running. */
export const missionRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { client } = c.env.deps;
    const userId = c.var.userId;
    const today = isoDateOf(c.env.deps.now());
    const { missionRows, ordersOf } = await readMissionsAndOrders(client, userId);
    // Consumption counts the days within each mission's current order: only those months are read.
    const windows = missionRows.map((m) => {
      const months = orderMonths(orderOn(ordersOf(m.id), today));
      return [m.id, months.first, months.last];
    });
    const craRows = windows.length ? (await client.execute({ sql: LIST_CRAS_SQL, args: [userId, JSON.stringify(windows)] })).rows : [];
    const crasOf = new Map<string, { month: string; days: string }[]>();
    for (const r of craRows) {
      const id = String(r.mission_id);
      if (!crasOf.has(id)) crasOf.set(id, []);
      crasOf.get(id)!.push({ month: String(r.month), days: String(r.days) });
    }
    return c.json({ missions: missionRows.map((m) => missionView(m, ordersOf(m.id), crasOf.get(m.id) ?? [], today)) }, 200);
  })
  .post('/', validate('json', MissionCreateBody), async (c) => {
    const b = c.req.valid('json');
    const userId = c.var.userId;
    const profile = await loadProfile(c, userId);
    // Where the regime does not depend on them (direct clients…), the signature date and country are not asked.
    const contractSignedOn = b.contractSignedOn ?? b.startsOn;
    const country = b.country ?? profile.country;
    const regime = regimeFor({ portal: b.portal, contractSignedOn, country });
    const plan = resolvePlan(regime, b.plan);
    if (!plan.ok) return unprocessable(c, plan.code, plan.message, 'plan');
    if (b.budgetDays == null && b.budgetCents == null) return unprocessable(c, 'budget_required', 'A purchase order has a budget: give budgetDays or budgetCents', 'budgetDays');
    const at = c.env.deps.now().toISOString();
    const id = newId();
    const { db } = c.env.deps;
    await writeBatch(c.env.deps, [
      bumpChangeSeq(userId),
      db.insert(missions).values({
        id,
        userId,
        portal: b.portal,
        clientName: b.clientName,
        clientSiren: b.clientSiren ?? null,
        clientAddress: b.clientAddress ?? null,
        contractSignedOn,
        country,
        daysPerWeekMilli: b.daysPerWeek == null ? null : quantityToMilli(b.daysPerWeek),
        invoiceMode: b.invoiceMode,
        clientTermsDays: b.clientTermsDays ?? null,
        vatRateBps: b.vatRateBps ?? (profile.vatRegime === 'standard' ? 2000 : 0),
        quarterDays: b.quarterDays,
        smartContractType: b.smartContractType ?? null,
        portalRef: b.portalRef ?? null,
        clientCountry: b.clientCountry,
        clientEmail: b.clientEmail ?? null,
        ...buyerFieldsOf(b, null),
        seq: currentChangeSeq(userId),
        createdAt: at,
        updatedAt: at,
      }),
      db.insert(purchaseOrders).values({
        id: newId(),
        missionId: id,
        userId,
        startsOn: b.startsOn,
        endsOn: b.endsOn ?? OPEN_ENDED,
        dailyRateCents: b.dailyRateCents,
        plan: plan.plan,
        budgetDaysMilli: b.budgetDays == null ? null : quantityToMilli(b.budgetDays),
        budgetCents: b.budgetCents ?? null,
        reference: b.reference ?? null,
        createdAt: at,
      }),
    ]);
    return c.json((await readMission(c.env.deps, userId, id))!, 201);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const view = await readMission(c.env.deps, c.var.userId, c.req.valid('param').id);
    return view ? c.json(view, 200) : notFound(c, 'mission');
  })
  .patch('/:id', validate('param', IdParam), validate('json', MissionPatchBody), async (c) => {
    const b = c.req.valid('json');
    const userId = c.var.userId;
    const loaded = await loadMission(c.env.deps, userId, c.req.valid('param').id);
    if (!loaded) return notFound(c, 'mission');
    const { mission, orders } = loaded;
    const today = isoDateOf(c.env.deps.now());
    const current = orderOn(orders, today);
    const regime = regimeFor(mission);
    let plan = current.plan;
    if (b.plan !== undefined) {
      const resolved = resolvePlan(regime, b.plan);
      if (!resolved.ok) return unprocessable(c, resolved.code, resolved.message, 'plan');
      plan = resolved.plan;
    }
    const rateChanges = b.dailyRateCents !== undefined && b.dailyRateCents !== current.dailyRateCents;
    const planChanges = plan !== current.plan;
    if ((rateChanges || planChanges) && current.startsOn <= today) {
      return fail(c, 409, 'mission_running', 'The daily rate and the payment plan change only at renewal once the mission has started: POST /v1/missions/:id/renewals');
    }
    const startsOn = b.startsOn ?? current.startsOn;
    const endsOn = b.endsOn === null ? OPEN_ENDED : (b.endsOn ?? current.endsOn);
    if (startsOn > endsOn) return unprocessable(c, 'dates_out_of_order', 'endsOn must not be before startsOn', 'endsOn');
    const budgetDays = b.budgetDays === undefined ? current.budgetDaysMilli : b.budgetDays === null ? null : quantityToMilli(b.budgetDays);
    const budgetCents = b.budgetCents === undefined ? current.budgetCents : b.budgetCents;
    if (budgetDays == null && budgetCents == null) return unprocessable(c, 'budget_required', 'A purchase order has a budget: give budgetDays or budgetCents', 'budgetDays');
    const { db } = c.env.deps;
    const at = c.env.deps.now().toISOString();
    await writeBatch(c.env.deps, [
      bumpChangeSeq(userId),
      db
        .update(missions)
        .set({
          clientName: b.clientName ?? mission.clientName,
          clientSiren: b.clientSiren === undefined ? mission.clientSiren : b.clientSiren,
          clientAddress: b.clientAddress === undefined ? mission.clientAddress : b.clientAddress,
          invoiceMode: b.invoiceMode ?? mission.invoiceMode,
          clientTermsDays: b.clientTermsDays === undefined ? mission.clientTermsDays : b.clientTermsDays,
          vatRateBps: b.vatRateBps ?? mission.vatRateBps,
          quarterDays: b.quarterDays ?? mission.quarterDays,
          daysPerWeekMilli: b.daysPerWeek === undefined ? mission.daysPerWeekMilli : b.daysPerWeek === null ? null : quantityToMilli(b.daysPerWeek),
          smartContractType: b.smartContractType === undefined ? mission.smartContractType : b.smartContractType,
          portalRef: b.portalRef === undefined ? mission.portalRef : b.portalRef,
          clientCountry: b.clientCountry ?? mission.clientCountry,
          clientEmail: b.clientEmail === undefined ? mission.clientEmail : b.clientEmail,
          ...buyerFieldsOf(b, mission),
          archived: b.archived ?? mission.archived,
          seq: currentChangeSeq(userId),
          updatedAt: at,
        })
        .where(and(eq(missions.id, mission.id), eq(missions.userId, userId))),
      db
        .update(purchaseOrders)
        .set({ startsOn, endsOn, dailyRateCents: b.dailyRateCents ?? current.dailyRateCents, plan, budgetDaysMilli: budgetDays, budgetCents })
        .where(eq(purchaseOrders.id, current.id)),
    ]);
    return c.json((await readMission(c.env.deps, userId, mission.id))!, 200);
  })
  .post('/:id/renewals', validate('param', IdParam), validate('json', RenewalBody), async (c) => {
    const b = c.req.valid('json');
    const userId = c.var.userId;
    const loaded = await loadMission(c.env.deps, userId, c.req.valid('param').id);
    if (!loaded) return notFound(c, 'mission');
    const { mission, orders } = loaded;
    const last = orders[orders.length - 1]!;
    if (b.startsOn <= last.startsOn) return unprocessable(c, 'renewal_starts_too_early', `A renewal starts after the current purchase order's start (${last.startsOn})`, 'startsOn');
    let plan = last.plan;
    if (b.plan !== undefined) {
      const resolved = resolvePlan(regimeFor(mission), b.plan);
      if (!resolved.ok) return unprocessable(c, resolved.code, resolved.message, 'plan');
      plan = resolved.plan;
    }
    if (b.budgetDays == null && b.budgetCents == null) return unprocessable(c, 'budget_required', 'A purchase order has a budget: give budgetDays or budgetCents', 'budgetDays');
    const { db } = c.env.deps;
    const at = c.env.deps.now().toISOString();
    await writeBatch(c.env.deps, [
      bumpChangeSeq(userId),
      db.update(missions).set({ seq: currentChangeSeq(userId), updatedAt: at }).where(eq(missions.id, mission.id)),
      db.insert(purchaseOrders).values({
        id: newId(),
        missionId: mission.id,
        userId,
        startsOn: b.startsOn,
        endsOn: b.endsOn,
        dailyRateCents: b.dailyRateCents ?? last.dailyRateCents,
        plan,
        budgetDaysMilli: b.budgetDays == null ? null : quantityToMilli(b.budgetDays),
        budgetCents: b.budgetCents ?? null,
        reference: b.reference ?? null,
        createdAt: at,
      }),
    ]);
    return c.json((await readMission(c.env.deps, userId, mission.id))!, 201);
  });
