import type { InStatement } from '@libsql/client';
import { and, eq, sql } from 'drizzle-orm';
import { inDateOrder, isIsoMonth, isoDateOf, type IsoDate, type IsoMonth } from '../../shared/dates';
import { checkCra } from '../../shared/cra/check';
import type { CraBody } from '../../shared/cra/schemas';
import { transition } from '../../shared/cra/state';
import { cras, missions, purchaseOrders } from '../db/schema';
import { jsonObjectOf, rowFromJson } from '../db/json-rows';
import { recordEvent } from '../notifications/outbox';
import { bumpChangeSeq, clearGuards, guardChanged, writeBatch, currentChangeSeq } from '../db/batch';
import type { Deps } from '../deps';
import { newId } from '../http/crypto';
import { missionSpan, orderMonths, orderOn, type LoadedMission } from './load-mission';
import { orderConsumption } from './mission-view';
import { budgetEvent } from '../../shared/notifications/reminders';
import { failure, type Result } from './result';
import { emptyCra, type CraContentRead, type CraRow } from './cra-view';

/** A CRA as written, with the mission it belongs to (to render it without reading again) and, when just written, its parsed content. */
export type SavedCra = LoadedMission & { cra: CraRow; profile: CraProfile; content?: CraContentRead };


/** The seller settings a CRA view needs, read with the CRA (defaults when no profile is saved yet). */
export type CraProfile = { vatRegime: 'franchise' | 'standard'; alsaceMoselle: boolean };

const ORDER_JSON = jsonObjectOf(purchaseOrders, 'o');
/**
 * Where the purchase order in force on ?4 (today) starts, chosen as `orderOn` chooses it: the
 * latest-starting order covering the day, else the latest started, else the first. The save's
 * budget check counts only that order's days, so the other months read are those from its start
 * (not the mission's whole history).
 */
export const CURRENT_ORDER_START = `COALESCE(
    (SELECT max(o.starts_on) FROM purchase_orders o WHERE o.mission_id = m.id AND o.starts_on <= ?4 AND o.ends_on >= ?4),
    (SELECT max(o.starts_on) FROM purchase_orders o WHERE o.mission_id = m.id AND o.starts_on <= ?4),
    (SELECT min(o.starts_on) FROM purchase_orders o WHERE o.mission_id = m.id))`;
/**
 * The mission, its purchase orders, the month's CRA and the profile's VAT regime in one
 * statement (see db/json-rows.ts for why). Built once: the SQL never changes.
 */
const LOAD_CRA_SQL = `SELECT ${jsonObjectOf(missions, 'm')} AS mission,
  (SELECT json_group_array(json(j)) FROM (SELECT ${ORDER_JSON} AS j FROM purchase_orders o WHERE o.mission_id = m.id ORDER BY o.starts_on)) AS orders,
  (SELECT ${jsonObjectOf(cras, 'c')} FROM cras c WHERE c.mission_id = m.id AND c.month = ?1) AS cra,
  (SELECT json_group_array(json_object('month', c2.month, 'days', c2.days)) FROM cras c2 WHERE c2.mission_id = m.id AND c2.month <> ?1
    AND c2.month >= substr(${CURRENT_ORDER_START}, 1, 7)) AS other_days,
  p.vat_regime AS vat_regime, p.alsace_moselle AS alsace_moselle
FROM missions m LEFT JOIN profiles p ON p.user_id = m.user_id
WHERE m.id = ?2 AND m.user_id = ?3`;

/** The mission's sync stamp moved to the user's new clock (the batch began with bumpChangeSeq). */
const STAMP_MISSION_SQL = 'UPDATE missions SET seq = (SELECT change_seq FROM users WHERE id = ?) WHERE id = ? AND user_id = ?';
const UPDATE_CRA_SQL = 'UPDATE cras SET days = ?, lines = ?, revision = ?, seq = (SELECT change_seq FROM users WHERE id = ?), updated_at = ? WHERE id = ? AND revision = ?';
const INSERT_CRA_SQL = "INSERT INTO cras (id, user_id, mission_id, month, state, days, lines, revision, seq, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, 1, (SELECT change_seq FROM users WHERE id = ?), ?) ON CONFLICT DO NOTHING";

/** Loads the mission and the month's CRA (an empty draft if never saved). */
export async function loadCra(deps: Deps, userId: string, missionId: string, month: string): Promise<Result<LoadedMission & { cra: CraRow; exists: boolean; profile: CraProfile; otherMonths: { month: string; days: string }[]; today: IsoDate }>> {
  if (!isIsoMonth(month)) return failure(422, 'validation_failed', 'The month must be written YYYY-MM', 'month');
  const today = isoDateOf(deps.now());
  const rs = await deps.client.execute({ sql: LOAD_CRA_SQL, args: [month, missionId, userId, today] });
  const r = rs.rows[0];
  if (!r) return failure(404, 'not_found', 'mission not found');
  const mission = rowFromJson(missions, r.mission);
  const orders = (JSON.parse(String(r.orders)) as unknown[]).map((o) => rowFromJson(purchaseOrders, o));
  const row = r.cra === null ? null : rowFromJson(cras, r.cra);
  const profile: CraProfile = { vatRegime: r.vat_regime === 'standard' ? 'standard' : 'franchise', alsaceMoselle: !!r.alsace_moselle };
  const otherMonths = JSON.parse(String(r.other_days)) as { month: string; days: string }[];
  return { ok: true, value: { mission, orders, profile, otherMonths, today, cra: row ?? emptyCra(userId, missionId, month, deps.now().toISOString()), exists: !!row } };
}

/**
 * Replaces a month's days and lines. Optimistic concurrency: with `ifMatch`, the write
 * happens only at that revision (else 412); a submitted CRA cannot change, a validated one
 * never does (409).
 */
export async function saveCra(deps: Deps, input: { userId: string; missionId: string; month: IsoMonth; body: CraBody; ifMatch?: number }): Promise<Result<SavedCra>> {
  const loaded = await loadCra(deps, input.userId, input.missionId, input.month);
  if (!loaded.ok) return loaded;
  const { cra, exists, mission, orders, profile, otherMonths, today } = loaded.value;
  if (input.ifMatch !== undefined && input.ifMatch !== cra.revision) {
    return failure(412, 'stale_revision', `The CRA changed since you read it (you have revision ${input.ifMatch}, it is at ${cra.revision}): read it again and merge`);
  }
  const t = transition(cra.state, { type: 'edit' });
  if (!t.ok) return failure(409, t.code, t.message);
  const span = missionSpan(orders);
  const issues = checkCra(input.month, input.body, { quarterDays: mission.quarterDays, startsOn: span.startsOn, endsOn: span.endsOn });
  if (issues.length) {
    const first = issues[0]!;
    return { ok: false, status: 422, code: first.code, message: issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), path: first.path.join('.') };
  }
  const at = deps.now().toISOString();
  // Stored in date order (kept as they are when the client sent them sorted).
  const sorted = inDateOrder(input.body.days);
  const days = JSON.stringify(sorted);
  const lines = JSON.stringify(input.body.lines ?? []);
  // One compare-and-set statement: it changes the row only at the revision read above. The
  // sync clock is bumped first in the same batch; if the CRA lost a race, the clock moved
  // for nothing, which costs a client one empty sync and nothing else.
  const written: CraRow = exists
    ? { ...cra, days, lines, revision: cra.revision + 1, updatedAt: at }
    : { ...cra, id: newId(), days, lines, revision: 1, updatedAt: at };
  // Constant SQL (the hottest write): no query building on each request.
  const write: InStatement = exists
    ? { sql: UPDATE_CRA_SQL, args: [days, lines, written.revision, input.userId, at, cra.id, cra.revision] }
    : { sql: INSERT_CRA_SQL, args: [written.id, input.userId, input.missionId, input.month, days, lines, input.userId, at] };
  // Captured days count against the purchase order in force today: the save that takes it
  // to 80 % records the warning in the same write (once per order, by its key).
  // The day the other months were read for (loadCra): the same order, even across midnight.
  const current = orderOn(orders, today);
  const consumption = orderConsumption(current, [...otherMonths, { month: input.month, days: sorted }]);
  const events = consumption ? budgetEvent({ missionId: mission.id, clientName: mission.clientName, orderId: current.id, ratioBps: consumption.ratioBps }) : [];
  // The mission shows that consumption: a month within its current order stamps it too, so the
  // next sync hands the extension the mission with its new figure.
  const months = orderMonths(current);
  const counted = input.month >= months.first && input.month <= months.last;
  const stampMission: InStatement[] = counted ? [{ sql: STAMP_MISSION_SQL, args: [input.userId, mission.id, input.userId] }] : [];
  const done = await writeBatch(deps, [
    bumpChangeSeq(input.userId), write, ...events.map((e) => recordEvent({ userId: input.userId, type: e.type, key: e.key, data: e.data, at })), ...stampMission,
  ]);
  if (!done.ok || done.results[1]?.rowsAffected !== 1) {
    return failure(412, 'stale_revision', 'The CRA was changed by another request at the same time: read it again and merge');
  }
  return { ok: true, value: { cra: written, mission, orders, profile, content: { days: sorted, lines: input.body.lines ?? [] } } };
}

/** Submit or refuse: a state change at the current (or given) revision. */
export async function changeCraState(
  deps: Deps,
  input: { userId: string; missionId: string; month: IsoMonth; ifMatch?: number; event: { type: 'submit' } | { type: 'refuse'; reason: string } },
): Promise<Result<SavedCra>> {
  const loaded = await loadCra(deps, input.userId, input.missionId, input.month);
  if (!loaded.ok) return loaded;
  const { cra, exists } = loaded.value;
  if (input.ifMatch !== undefined && input.ifMatch !== cra.revision) return failure(412, 'stale_revision', `The CRA is at revision ${cra.revision}, not ${input.ifMatch}`);
  const t = transition(cra.state, input.event);
  if (!t.ok) return failure(t.code === 'refusal_reason_required' ? 422 : 409, t.code, t.message, t.code === 'refusal_reason_required' ? 'reason' : undefined);
  if (input.event.type === 'submit') {
    const days = Object.values(JSON.parse(cra.days) as Record<string, number>).some((q) => q > 0);
    const lines = (JSON.parse(cra.lines) as unknown[]).length > 0;
    if (!exists || (!days && !lines)) return failure(422, 'cra_empty', 'There is nothing to submit: capture at least one day or line', 'days');
  }
  const at = deps.now().toISOString();
  const done = await writeBatch(deps, [
    bumpChangeSeq(input.userId),
    deps.db
      .update(cras)
      .set({
        state: t.state,
        revision: cra.revision + 1,
        refusalReason: input.event.type === 'refuse' ? input.event.reason : cra.refusalReason,
        submittedAt: input.event.type === 'submit' ? at : cra.submittedAt,
        seq: currentChangeSeq(input.userId),
        updatedAt: at,
      })
      .where(and(eq(cras.id, cra.id), eq(cras.revision, cra.revision), eq(cras.state, cra.state))),
    guardChanged(1),
    ...(input.event.type === 'refuse'
      ? [recordEvent({ userId: input.userId, type: 'cra.refused', key: `cra.refused:${cra.id}:${cra.revision + 1}`, at, data: { missionId: input.missionId, clientName: loaded.value.mission.clientName, month: input.month, reason: input.event.reason } })]
      : []),
    clearGuards,
  ]);
  if (!done.ok) return failure(412, 'stale_revision', 'The CRA was changed by another request at the same time: read it again');
  const after = await deps.db.select().from(cras).where(eq(cras.id, cra.id)).get();
  return { ok: true, value: { cra: after!, mission: loaded.value.mission, orders: loaded.value.orders, profile: loaded.value.profile } };
}
