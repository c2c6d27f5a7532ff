import type { InStatement, InValue } from '@libsql/client';
import { invoices } from '../db/schema';
import type { Deps } from '../deps';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoice = Omit<typeof invoices.$inferInsert, 'sequence' | 'seq'> & { userId: string; kind: InvoiceRow['kind']; year: number };

/**
 * Two statements that take the next number of the issuer's series (for `portal_invoice` and `salary_budget`, an
 * internal ordinal in a counter of their own: the freelancer's series never moves for them) for the year and insert
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
    issuer: row.issuer ?? 'freelancer', days_milli: row.daysMilli ?? null, daily_rate_cents: row.dailyRateCents ?? null,
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

/**
 * The year's own turnover excluding VAT (DOMAIN.md "Who issues the invoice"): the freelancer's series (credit notes,
 * negative, deducted) and the invoices a portal issues in their name (at the portal's net once seen, not when the
 * portal cancelled them); never a cooperative's salary budget. Plus what a user starting mid-year entered.
 */
export async function yearRevenueCents(deps: Deps, userId: string, year: number): Promise<number> {
  const rs = await deps.client.execute({ sql: YEAR_TURNOVER_SQL, args: [userId, year] });
  return Number(rs.rows[0]?.[0] ?? 0);
}

const YEAR_TURNOVER_SQL = `SELECT coalesce((SELECT sum(CASE WHEN kind = 'portal_invoice' THEN coalesce(json_extract(portal_invoice, '$.netCents'), net_cents) ELSE net_cents END)
    FROM invoices WHERE user_id = ?1 AND year = ?2 AND (kind IN ('invoice', 'credit_note') OR (kind = 'portal_invoice' AND status <> 'cancelled'))), 0)
  + coalesce((SELECT opening_turnover_cents FROM profiles WHERE user_id = ?1 AND opening_year = ?2), 0)`;

/** The latest invoice date of the freelancer's own series up to `latest` (an invoice dated in the future does not block the series). */
export async function lastSeriesIssuedOn(deps: Deps, userId: string, latest: string): Promise<string | null> {
  const rs = await deps.client.execute({ sql: "SELECT max(issued_on) FROM invoices WHERE user_id = ? AND kind = 'invoice' AND issued_on <= ?", args: [userId, latest] });
  const v = rs.rows[0]?.[0];
  return v == null ? null : String(v);
}
