import type { Dashboard } from '../lib/model';

type InvoiceOfDashboard = Dashboard['upcomingPayouts'][number];

/**
 * One invoice (or expected portal invoice, or SMart salary budget) as the money tab lists it,
 * once, in the one list its state puts it in.
 */
export type MoneyRow = {
  id: string;
  /** The freelancer's invoice number; null for a portal invoice not seen yet or a salary budget. */
  number: string | null;
  /** `invoice`: one the freelancer issued; `expected`: the portal's; `salary_budget`: SMart's. */
  document: 'invoice' | 'expected' | 'salary_budget';
  missionId: string;
  clientName: string;
  portal: string | null;
  plan: string | null;
  serviceMonth: string | null;
  /** What reaches the freelancer (payout or salary budget), else the invoice total. */
  amountCents: number;
  feeCents: number;
  /** Expected payout (or payment) date; a range when earliest and latest differ. */
  from: string | null;
  to: string | null;
  /** Late: the payout's latest date is past, or the client is past the due date. */
  late: boolean;
  clientDaysLate: number | null;
  penaltyCents: number | null;
  paidOn: string | null;
};

export type MoneyGroups = { toBePaid: MoneyRow[]; late: MoneyRow[]; paidThisMonth: MoneyRow[] };

type Loose = InvoiceOfDashboard & { document?: MoneyRow['document']; salaryBudgetCents?: number | null; buyer?: Record<string, unknown> };

function rowOf(inv: Loose, clientOf: (missionId: string) => { clientName?: string; portal?: string } | undefined): MoneyRow {
  const mission = clientOf(inv.missionId);
  const buyerName = typeof inv.buyer?.name === 'string' ? inv.buyer.name : null;
  // Ledger kinds (portal_invoice, salary_budget) arrive once that branch is merged: read as strings.
  const kind: string = inv.kind;
  const document = inv.document ?? (kind === 'salary_budget' ? 'salary_budget' : kind === 'portal_invoice' ? 'expected' : 'invoice');
  return {
    id: inv.id,
    number: inv.number ?? null,
    document,
    missionId: inv.missionId,
    clientName: mission?.clientName ?? buyerName ?? '',
    portal: mission?.portal ?? null,
    plan: inv.plan ?? null,
    serviceMonth: inv.serviceMonth ?? null,
    amountCents: inv.salaryBudgetCents ?? inv.payoutCents ?? inv.totalCents,
    feeCents: inv.feeCents ?? 0,
    from: inv.payoutEarliest ?? inv.payoutLatest ?? null,
    to: inv.payoutLatest ?? inv.payoutEarliest ?? null,
    late: !!inv.payoutLate || inv.overdue != null,
    clientDaysLate: inv.overdue?.daysLate ?? null,
    penaltyCents: inv.overdue?.totalPenaltyCents ?? null,
    paidOn: inv.paidOn ?? null,
  };
}

const byDate = (a: MoneyRow, b: MoneyRow) => ((a.from ?? '9999') < (b.from ?? '9999') ? -1 : (a.from ?? '9999') > (b.from ?? '9999') ? 1 : a.id < b.id ? -1 : 1);

/**
 * The dashboard's invoice lists as three lists where each invoice appears once: late (payout
 * past its latest date, or client past its due date), to be paid (the rest of the open
 * ones), paid this month. The dashboard lists an overdue invoice both as a payout and as
 * overdue; here its lateness wins and both facts sit on the one row.
 * @example moneyGroups({ upcomingPayouts: [a], latePayouts: [], overdueInvoices: [a'], paidThisMonth: [] }).late // [a with its penalty]
 */
export function moneyGroups(dashboard: Dashboard, missions: readonly { id: string; clientName?: string; portal?: string }[] = []): MoneyGroups {
  const cards = new Map<string, { clientName?: string; portal?: string }>();
  for (const m of dashboard.missions ?? []) cards.set(m.missionId, m);
  for (const m of missions) if (!cards.has(m.id)) cards.set(m.id, m);
  const clientOf = (id: string) => cards.get(id);
  const open = new Map<string, MoneyRow>();
  const overdue = new Map((dashboard.overdueInvoices ?? []).map((i) => [i.id, i as Loose]));
  for (const inv of [...(dashboard.latePayouts ?? []), ...(dashboard.upcomingPayouts ?? []), ...(dashboard.overdueInvoices ?? [])] as Loose[]) {
    if (open.has(inv.id)) continue;
    const withOverdue = overdue.get(inv.id) ?? inv;
    open.set(inv.id, rowOf({ ...inv, overdue: withOverdue.overdue ?? inv.overdue }, clientOf));
  }
  const paid = ((dashboard as { paidThisMonth?: Loose[] }).paidThisMonth ?? []).filter((i) => !open.has(i.id)).map((i) => rowOf(i, clientOf));
  const rows = [...open.values()];
  return {
    late: rows.filter((r) => r.late).sort(byDate),
    toBePaid: rows.filter((r) => !r.late).sort(byDate),
    paidThisMonth: paid.map((r) => ({ ...r, late: false })).sort((a, b) => ((a.paidOn ?? '') < (b.paidOn ?? '') ? 1 : -1)),
  };
}
