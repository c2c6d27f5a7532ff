import { and, eq, sql } from 'drizzle-orm';
import type { InStatement, InValue } from '@libsql/client';
import { invoices } from '../db/schema';
import type { Deps } from '../deps';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoice = Omit<typeof invoices.$inferInsert, 'sequence' | 'seq'> & { userId: string; kind: 'invoice' | 'credit_note'; year: number };

/**
 * Two statements that take the next number of the issuer's series for the year and insert
 * the invoice with it, inside the caller's atomic batch. The counter row is the lock:
 * concurrent batches serialise on it, so numbers are consecutive and never shared.
 */
export function insertNumberedInvoice(row: NewInvoice): InStatement[] {
  const values: Record<string, InValue> = {
    id: row.id, user_id: row.userId, mission_id: row.missionId, cra_id: row.craId ?? null, kind: row.kind, year: row.year,
    issued_on: row.issuedOn, service_month: row.serviceMonth ?? null, due_on: row.dueOn, status: row.status,
    lines: row.lines, vat_breakdown: row.vatBreakdown, vat_mention: row.vatMention ?? null,
    net_cents: row.netCents, vat_cents: row.vatCents, total_cents: row.totalCents, penalty_rate_bps: row.penaltyRateBps,
    regime: row.regime, plan: row.plan, fee_cents: row.feeCents, payout_cents: row.payoutCents,
    payout_earliest: row.payoutEarliest ?? null, payout_latest: row.payoutLatest ?? null, client_due_on: row.clientDueOn ?? null,
    client_paid_on: row.clientPaidOn ?? null, paid_on: row.paidOn ?? null, cancels_invoice_id: row.cancelsInvoiceId ?? null,
    cancelled_by_id: row.cancelledById ?? null, seller: row.seller, buyer: row.buyer, created_at: row.createdAt,
  };
  const columns = Object.keys(values);
  return [
    {
      sql: 'INSERT INTO invoice_counters (user_id, kind, year, last_sequence) VALUES (?, ?, ?, 1) ON CONFLICT (user_id, kind, year) DO UPDATE SET last_sequence = last_sequence + 1',
      args: [row.userId, row.kind, row.year],
    },
    {
      sql: `INSERT INTO invoices (${columns.join(', ')}, sequence, seq) SELECT ${columns.map(() => '?').join(', ')}, last_sequence, (SELECT change_seq FROM users WHERE id = ?) FROM invoice_counters WHERE user_id = ? AND kind = ? AND year = ?`,
      args: [...Object.values(values), row.userId, row.userId, row.kind, row.year],
    },
  ];
}

/** The year's invoiced revenue excluding VAT: every invoice issued, credit notes (negative) deducted. */
export async function yearRevenueCents(deps: Deps, userId: string, year: number): Promise<number> {
  const r = await deps.db
    .select({ total: sql<number>`coalesce(sum(${invoices.netCents}), 0)` })
    .from(invoices)
    .where(and(eq(invoices.userId, userId), eq(invoices.year, year)))
    .get();
  return Number(r?.total ?? 0);
}
