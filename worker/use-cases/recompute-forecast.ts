import { eq, sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/dates';
import { forecastPayout } from '../../shared/payout/forecast';
import { QUANTITY_SCALE } from '../../shared/money';
import { invoices } from '../db/schema';
import { bumpChangeSeq, writeBatch } from '../db/batch';
import type { Deps } from '../deps';
import { loadMission } from './load-mission';
import type { InvoiceRow } from './invoice-store';
import { failure, type Result } from './result';

/** Days invoiced at the daily rate: the `day` line of the invoice. */
function daysInvoiced(row: InvoiceRow): { days: number; dailyRateCents: number } {
  const lines = JSON.parse(row.lines) as { unit?: string; quantity: number; unitCents: number }[];
  const day = lines.find((l) => l.unit === 'day');
  return day ? { days: Math.round(day.quantity * QUANTITY_SCALE) / QUANTITY_SCALE, dailyRateCents: day.unitCents } : { days: 0, dailyRateCents: 0 };
}

/**
 * Manual-upload missions: the portal validated the uploaded invoice on `clockStartsOn`,
 * so the payout window is now known. Amounts stay as issued.
 */
export async function recomputeForecastFrom(deps: Deps, row: InvoiceRow, clockStartsOn: IsoDate): Promise<Result<InvoiceRow>> {
  if (row.kind !== 'invoice') return failure(409, 'not_payable', 'A credit note has no payout');
  if (clockStartsOn < row.issuedOn) return failure(422, 'validation_failed', 'The upload cannot be validated before the invoice date', 'validatedOn');
  const loaded = await loadMission(deps, row.userId, row.missionId);
  if (!loaded) return failure(404, 'not_found', 'mission not found');
  const { mission } = loaded;
  const { days, dailyRateCents } = daysInvoiced(row);
  const f = forecastPayout(
    { portal: mission.portal, contractSignedOn: mission.contractSignedOn, country: mission.country, plan: row.plan, clientTermsDays: mission.clientTermsDays ?? undefined },
    { daysInvoiced: days, dailyRateCents, netCents: row.netCents, vatCents: row.vatCents, clockStartsOn, clientPaidOn: row.clientPaidOn ?? undefined },
  );
  if (!f.ok) return failure(422, f.code, f.message);
  await writeBatch(deps, [
    bumpChangeSeq(row.userId),
    deps.db
      .update(invoices)
      .set({ payoutEarliest: f.value.payoutEarliest, payoutLatest: f.value.payoutLatest, seq: sql`(SELECT change_seq FROM users WHERE id = ${row.userId})` })
      .where(eq(invoices.id, row.id)),
  ]);
  return { ok: true, value: (await deps.db.select().from(invoices).where(eq(invoices.id, row.id)).get())! };
}
