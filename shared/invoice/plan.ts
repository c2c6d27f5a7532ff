import type { IsoDate, IsoMonth } from '../dates';
import type { CraLine } from '../cra/schemas';
import { craTotals } from '../cra/totals';
import { orderForMonth, orderOn, type PricedOrder } from '../cra/month-forecast';
import { quantityToMilli, type Bps, type Cents } from '../money';
import { forecastPayout, type PayoutForecast } from '../payout/forecast';
import type { EventType } from '../notifications/events';
import { VAT_WARNING_STEPS_BPS, vatThresholdEvent } from '../notifications/reminders';
import { shareOfBps } from '../tax/threshold-crossing';
import { vatFranchiseThresholds } from '../tax/vat-franchise';
import { dueDate } from './due-date';
import { canIssue, type IssueRefusal } from './issuable';
import { issuerRuleFor, type Issuer, type IssuerRule } from './issuers';
import { computeInvoice, type InvoiceLine, type VatBreakdown, type VatRegime } from './lines';
import { vatTreatmentOf } from './franchise-vat';
import { vatTreatment } from './vat-treatment';
import { missingMandatoryMentions, type SellerSnapshot } from './mandatory-mentions';
import type { BuyerSnapshot } from './buyer';

/**
 * What validating a month's CRA produces, decided without I/O (STYLE.md "Decide in shared/, write in worker/"):
 * an invoice in the freelancer's series, an expected invoice a portal will issue under a billing mandate, or a
 * cooperative's salary budget — with the events to record. The worker loads, calls {@link planInvoice}, writes.
 */

/** Default client terms when a mission gives none: 30 days (art. L441-10 Code de commerce). */
export const DEFAULT_TERMS_DAYS = 30;

export type PlanMonth = { month: IsoMonth; craId: string; days: Readonly<Record<string, number>>; lines: readonly CraLine[]; validatedOn: IsoDate };

export type PlanMission = {
  id: string;
  portal: string;
  invoiceMode: 'auto' | 'manual';
  clientName: string;
  clientSiren: string | null;
  clientAddress: string | null;
  clientCountry: string;
  contractSignedOn: IsoDate;
  country: string;
  clientTermsDays: number | null;
  vatRateBps: Bps;
  portalRef: string | null;
  /** The service billed (the invoice line's label): the mission's service description or title. */
  service: string;
  /** The client as the buyer block prints it (structured address, VAT number, electronic address), frozen at issue. */
  clientBuyer: BuyerSnapshot & { portal: string };
  orders: readonly (PricedOrder & { reference?: string | null })[];
};

export type PlanProfile = { vatRegime: VatRegime; penaltyRateBps: Bps; country: string; seller: SellerSnapshot };

/** What the ledger already holds that the plan depends on. */
export type PlanLedger = {
  /** The year's own turnover (own series + mandate invoices, excluding VAT) before this document. */
  revenueBeforeCents: Cents;
  /** The latest date in the freelancer's own series, ignoring invoices dated in the future. */
  lastSeriesIssuedOn: IsoDate | null;
  /** The latest date that is not in the future for this user (their today + slack). */
  latestPastDate: IsoDate;
};

export type PlanOptions = { documentId: string; acknowledgeVatThreshold?: boolean };

export type DocumentKind = 'invoice' | 'portal_invoice' | 'salary_budget';

/** The document to write, every figure decided. */
export type PlannedDocument = {
  id: string;
  kind: DocumentKind;
  issuer: Issuer;
  /** `issued` for the freelancer's invoice and the salary budget; `expected` until the portal's invoice is seen. */
  status: 'issued' | 'expected';
  /** Takes the next number of the freelancer's series (only the freelancer's own invoices do). */
  consumesSeries: boolean;
  year: number;
  issuedOn: IsoDate;
  serviceMonth: IsoMonth;
  dueOn: IsoDate;
  lines: InvoiceLine[];
  vat: VatBreakdown[];
  vatMention: string | null;
  netCents: Cents;
  vatCents: Cents;
  totalCents: Cents;
  penaltyRateBps: Bps;
  regime: string;
  plan: string;
  feeCents: Cents;
  payoutCents: Cents;
  payoutEarliest: IsoDate | null;
  payoutLatest: IsoDate | null;
  clientDueOn: IsoDate | null;
  seller: SellerSnapshot;
  buyer: Readonly<BuyerSnapshot & Record<string, unknown>>;
  daysMilli: number;
  dailyRateCents: Cents;
};

export type PlannedEvent = { type: EventType; key: string; data: Record<string, string | number | boolean | null> };

export type InvoicePlan = {
  ok: true;
  /** `invoice`: the freelancer's; `expected`: a portal's, to match; `salaryBudget`: a cooperative's month. */
  shape: 'invoice' | 'expected' | 'salaryBudget';
  document: PlannedDocument;
  events: PlannedEvent[];
};

const SHAPE: Record<Issuer, { shape: InvoicePlan['shape']; kind: DocumentKind; status: PlannedDocument['status'] }> = {
  freelancer: { shape: 'invoice', kind: 'invoice', status: 'issued' },
  portal_mandate: { shape: 'expected', kind: 'portal_invoice', status: 'expected' },
  cooperative: { shape: 'salaryBudget', kind: 'salary_budget', status: 'issued' },
};

/** The buyer frozen on the document: the client, or the portal's legal entity with the end client named. */
export function buyerFor(rule: IssuerRule, m: PlanMission, orderRef: string | null | undefined): BuyerSnapshot & Record<string, unknown> {
  // What the portal's upload checklist needs, frozen with the document.
  const upload = rule.upload ? { upload: rule.upload, references: { mission: m.portalRef, purchaseOrder: orderRef ?? null } } : {};
  if (rule.billed === 'client') return { ...m.clientBuyer, purchaseOrderRef: orderRef ?? null, ...upload };
  const b = rule.billed;
  return {
    name: b.name, siren: b.siren ?? null, address: null, addressLine: b.address, postcode: b.postcode, city: b.city, country: b.country,
    vatNumber: null, electronicAddress: null, electronicAddressScheme: null, purchaseOrderRef: orderRef ?? null,
    portal: m.portal, endClient: m.clientName, ...upload,
  };
}

/**
 * The invoice line's label: the service (never the client's name, which belongs in the buyer block); for an
 * intermediary billed directly, the end client and the mission and purchase-order references too (what the
 * portal's checklist asks of an uploaded invoice).
 * @example describedFor(rule, mission, order) // 'Conseil — client final ACME SA, mission M-48213, bon de commande BDC-2026-0117'
 */
export function describedFor(rule: IssuerRule, m: PlanMission, orderRef: string | null | undefined): string {
  if (!rule.referencesInDescription) return m.service;
  const refs = [`client final ${m.clientName}`, m.portalRef ? `mission ${m.portalRef}` : null, orderRef ? `bon de commande ${orderRef}` : null];
  return `${m.service} — ${refs.filter(Boolean).join(', ')}`;
}

/**
 * Plans the document of a validated month.
 * @example planInvoice(month, littlebigAutoMission, profile, ledger, { documentId: 'd1' })
 * // { ok: true, shape: 'expected', document: { kind: 'portal_invoice', consumesSeries: false, status: 'expected', … }, events: [cra.validated] }
 */
export function planInvoice(month: PlanMonth, mission: PlanMission, profile: PlanProfile, ledger: PlanLedger, options: PlanOptions): InvoicePlan | IssueRefusal {
  const rule = issuerRuleFor(mission);
  const { shape, kind, status } = SHAPE[rule.issuer];
  const order = orderForMonth(mission.orders, month.month);
  const label = describedFor(rule, mission, order.reference);
  const totals = craTotals(month.month, { days: { ...month.days }, lines: [...month.lines] }, {
    dailyRateCents: order.dailyRateCents, vatRateBps: mission.vatRateBps, label, rateOn: (date) => orderOn(mission.orders, date).dailyRateCents,
  });
  const year = Number(month.validatedOn.slice(0, 4));
  const ownTurnover = rule.issuer !== 'cooperative';
  // A cooperative's month is salary: neither the franchise nor its thresholds apply to it.
  const vat = ownTurnover
    ? vatTreatmentOf(totals.invoiceLines, { profileVatRegime: profile.vatRegime, revenueBeforeCents: ledger.revenueBeforeCents, year, acknowledgeVatThreshold: !!options.acknowledgeVatThreshold })
    : { treatment: 'standard' as const, vatRegime: 'standard' as const, lines: totals.invoiceLines, crossesHigherThreshold: false };
  const buyer = buyerFor(rule, mission, order.reference);
  // Where VAT applies, the parties' countries decide French VAT, reverse charge or outside scope.
  const treatment = kind === 'salary_budget' ? 'standard' : vatTreatment({ sellerRegime: vat.vatRegime, sellerCountry: profile.country, buyerCountry: buyer.country ?? 'FR' });
  const invoice = computeInvoice(vat.lines, { vatRegime: treatment });
  const missingMentions = kind === 'invoice'
    ? missingMandatoryMentions({ seller: profile.seller, buyer, treatment, vatCents: invoice.vatCents, issuedOn: month.validatedOn })
    : [];
  const allowed = canIssue({
    issuer: rule.issuer, consumesSeries: kind === 'invoice', issuedOn: month.validatedOn, monthStartsOn: `${month.month}-01`, latestPastDate: ledger.latestPastDate,
    lastSeriesIssuedOn: ledger.lastSeriesIssuedOn, vat, acknowledgeVatThreshold: !!options.acknowledgeVatThreshold, year, missingMentions,
  });
  if (!allowed.ok) return allowed;

  const due = dueDate(month.validatedOn, mission.clientTermsDays ?? DEFAULT_TERMS_DAYS);
  if (!due.ok) return { ok: false, status: 422, code: due.code, message: due.message, path: 'clientTermsDays' };
  const forecast = forecastPayout(
    { portal: mission.portal, contractSignedOn: mission.contractSignedOn, country: mission.country, plan: order.plan, clientTermsDays: mission.clientTermsDays ?? undefined },
    { daysInvoiced: totals.days, dailyRateCents: order.dailyRateCents, dayGroups: totals.dayGroups, netCents: invoice.netCents, vatCents: invoice.vatCents, clockStartsOn: month.validatedOn },
  );
  if (!forecast.ok) return { ok: false, status: 422, code: forecast.code, message: forecast.message, path: 'plan' };
  // Manual upload: the payout clock waits for the portal to validate the uploaded invoice.
  const clockWaits = rule.payoutClock === 'upload';
  const f: PayoutForecast = forecast.value;
  const payout = { payoutCents: f.payoutCents, payoutEarliest: clockWaits ? null : f.payoutEarliest, payoutLatest: clockWaits ? null : f.payoutLatest };

  const document: PlannedDocument = {
    id: options.documentId, kind, issuer: rule.issuer, status, consumesSeries: kind === 'invoice', year,
    issuedOn: month.validatedOn, serviceMonth: month.month, dueOn: due.dueOn,
    lines: invoice.lines, vat: invoice.vat, vatMention: kind === 'salary_budget' ? null : invoice.vatMention,
    netCents: invoice.netCents, vatCents: invoice.vatCents, totalCents: invoice.totalCents, penaltyRateBps: profile.penaltyRateBps,
    regime: f.regime, plan: f.plan, feeCents: f.feeCents, ...payout, clientDueOn: f.clientDueOn,
    seller: profile.seller, buyer, daysMilli: quantityToMilli(totals.days), dailyRateCents: order.dailyRateCents,
  };
  return { ok: true, shape, document, events: eventsOf(document, mission, month, ownTurnover && profile.vatRegime === 'franchise' ? ledger.revenueBeforeCents : null) };
}

/** The events a validation records with its document: the CRA validated, the invoice issued (own series only), VAT steps crossed. */
function eventsOf(d: PlannedDocument, m: PlanMission, month: PlanMonth, revenueBeforeCents: Cents | null): PlannedEvent[] {
  const payout = { payoutCents: d.payoutCents, payoutEarliest: d.payoutEarliest, payoutLatest: d.payoutLatest };
  const events: PlannedEvent[] = [
    {
      type: 'cra.validated', key: `cra.validated:${month.craId}`,
      data: { missionId: m.id, clientName: m.clientName, month: month.month, validatedOn: month.validatedOn, invoiceId: d.id, issuer: d.issuer, documentKind: d.kind, ...payout },
    },
  ];
  if (d.kind === 'invoice') {
    events.push({
      type: 'invoice.issued', key: `invoice.issued:${d.id}`,
      data: { invoiceId: d.id, kind: 'invoice', clientName: m.clientName, issuedOn: d.issuedOn, dueOn: d.dueOn, netCents: d.netCents, vatCents: d.vatCents, totalCents: d.totalCents, ...payout },
    });
  }
  if (revenueBeforeCents !== null) {
    const { baseCents } = vatFranchiseThresholds(d.year);
    const afterCents = revenueBeforeCents + d.netCents;
    const before = shareOfBps(revenueBeforeCents, baseCents);
    const after = shareOfBps(afterCents, baseCents);
    for (const step of VAT_WARNING_STEPS_BPS) {
      if (before < step && after >= step) events.push(vatThresholdEvent({ year: d.year, revenueCents: afterCents, baseCents, baseRatioBps: after }, step));
    }
  }
  return events;
}

