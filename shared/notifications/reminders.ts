import { BDC_NEARLY_CONSUMED_BPS } from '../bdc/consumption';
import type { HolidayOptions } from '../calendar/holidays';
import { workingDaysOfMonth } from '../calendar/working-days';
import { addDays, daysBetween, monthOf, type IsoDate } from '../dates';
import { latePenalty } from '../invoice/penalties';
import type { Bps, Cents } from '../money';
import type { EventType } from './events';

/**
 * Which time-driven notifications are due on a given day (DOMAIN.md, "Notifications";
 * issue 6, "Scheduler"). Pure: the scheduler loads a user's data, asks this function, and
 * records what it returns in the outbox under each event's key, so running it twice on
 * the same day, or twice at once, yields each event once.
 */
export type DueEvent = { type: EventType; key: string; data: Record<string, string | number | boolean | null> };

export type ReminderInput = {
  today: IsoDate;
  holidays: HolidayOptions;
  /** Active missions whose purchase orders cover today, with this month's CRA state. */
  missions: { id: string; clientName: string; craState: 'none' | 'draft' | 'submitted' | 'refused' | 'validated'; consumption: { orderId: string; ratioBps: Bps } | null }[];
  /** Issued invoices (not paid, not cancelled). */
  openInvoices: {
    id: string;
    number: string;
    clientName: string;
    regime: string;
    totalCents: Cents;
    payoutCents: Cents;
    dueOn: IsoDate;
    clientPaidOn: IsoDate | null;
    penaltyRateBps: Bps;
    payoutEarliest: IsoDate | null;
    payoutLatest: IsoDate | null;
  }[];
  documents: { id: string; label: string; expiresOn: IsoDate | null }[];
  /** Franchise-based users only: the year's share of the base threshold and the projected crossing date. */
  vat: { year: number; revenueCents: Cents; baseCents: Cents; baseRatioBps: Bps; projectedBaseCrossingOn: IsoDate | null } | null;
};

/** Dunning steps for direct clients, in days after the due date (DOMAIN.md, "Direct clients: dunning"). */
export const DUNNING_STEPS = [
  { step: 1, tone: 'courteous', fromDay: 1 },
  { step: 2, tone: 'firm', fromDay: 8 },
  { step: 3, tone: 'formal_notice', fromDay: 15 },
] as const;

/** The CRA reminder goes out on each of the month's last working days while the CRA is not submitted. */
export const CRA_REMINDER_WORKING_DAYS = 3;
/** Legal documents are reminded this many days before they expire (DOMAIN.md, "Company profile"). */
export const DOCUMENT_NOTICE_DAYS = 30;
/** Shares of the base VAT franchise threshold that trigger a warning. */
export const VAT_WARNING_STEPS_BPS = [8000, 9000] as const;

/**
 * Everything due on `input.today`.
 * @example dueEvents({ today: '2026-10-29', … }) // [{ type: 'cra.to_submit', key: 'cra.to_submit:m1:2026-10:2026-10-29', … }]
 */
export function dueEvents(input: ReminderInput): DueEvent[] {
  return [...craReminders(input), ...payoutReminders(input), ...dunning(input), ...documentReminders(input), ...budgetWarnings(input), ...vatWarnings(input)];
}

function craReminders({ today, holidays, missions }: ReminderInput): DueEvent[] {
  const month = monthOf(today);
  const lastDays = workingDaysOfMonth(month, holidays).slice(-CRA_REMINDER_WORKING_DAYS);
  if (!lastDays.includes(today)) return [];
  const daysLeft = lastDays.length - lastDays.indexOf(today) - 1;
  return missions
    .filter((m) => m.craState === 'none' || m.craState === 'draft' || m.craState === 'refused')
    .map((m) => ({ type: 'cra.to_submit', key: `cra.to_submit:${m.id}:${month}:${today}`, data: { missionId: m.id, clientName: m.clientName, month, workingDaysLeft: daysLeft, craState: m.craState } }));
}

function payoutReminders({ today, openInvoices }: ReminderInput): DueEvent[] {
  const out: DueEvent[] = [];
  const tomorrow = addDays(today, 1);
  for (const inv of openInvoices) {
    if (!inv.payoutEarliest || !inv.payoutLatest) continue;
    const data = { invoiceId: inv.id, invoiceNumber: inv.number, clientName: inv.clientName, payoutCents: inv.payoutCents, payoutEarliest: inv.payoutEarliest, payoutLatest: inv.payoutLatest };
    if (inv.payoutEarliest === tomorrow) out.push({ type: 'payout.expected_tomorrow', key: `payout.expected_tomorrow:${inv.id}:${tomorrow}`, data });
    if (inv.payoutLatest === today) out.push({ type: 'payout.expected_today', key: `payout.expected_today:${inv.id}:${today}`, data });
    if (inv.payoutLatest < today) out.push({ type: 'payout.late', key: `payout.late:${inv.id}:${inv.payoutLatest}`, data: { ...data, daysLate: daysBetween(inv.payoutLatest, today) } });
  }
  return out;
}

/** Direct clients only: a portal chases its own clients; the freelancer chases theirs. */
function dunning({ today, openInvoices }: ReminderInput): DueEvent[] {
  const out: DueEvent[] = [];
  for (const inv of openInvoices) {
    if (inv.regime !== 'direct' || inv.clientPaidOn || inv.dueOn >= today) continue;
    const daysLate = daysBetween(inv.dueOn, today);
    // The step whose window holds today; a step whose window passed unseen is not sent late.
    const step = [...DUNNING_STEPS].reverse().find((s) => daysLate >= s.fromDay);
    const next = DUNNING_STEPS.find((s) => s.fromDay > (step?.fromDay ?? 0));
    if (!step || (next && daysLate >= next.fromDay)) continue;
    const penalty = latePenalty({ totalCents: inv.totalCents, dueOn: inv.dueOn, asOf: today, annualRateBps: inv.penaltyRateBps });
    out.push({
      type: 'invoice.overdue',
      key: `invoice.overdue:${inv.id}:${step.step}`,
      data: {
        invoiceId: inv.id, invoiceNumber: inv.number, clientName: inv.clientName, step: step.step, tone: step.tone, dueOn: inv.dueOn, daysLate,
        totalCents: inv.totalCents, penaltyRateBps: penalty.rateBps, interestCents: penalty.interestCents, indemnityCents: penalty.indemnityCents,
        amountDueCents: inv.totalCents + penalty.totalPenaltyCents, asOf: today,
      },
    });
  }
  return out;
}

function documentReminders({ today, documents }: ReminderInput): DueEvent[] {
  const horizon = addDays(today, DOCUMENT_NOTICE_DAYS);
  return documents
    .filter((d) => d.expiresOn && d.expiresOn >= today && d.expiresOn <= horizon)
    .map((d) => ({ type: 'document.expiring', key: `document.expiring:${d.id}:${d.expiresOn}`, data: { documentId: d.id, label: d.label, expiresOn: d.expiresOn, daysLeft: daysBetween(today, d.expiresOn!) } }));
}

function budgetWarnings({ missions }: ReminderInput): DueEvent[] {
  return missions.flatMap((m) => (m.consumption ? budgetEvent({ missionId: m.id, clientName: m.clientName, ...m.consumption }) : []));
}

/**
 * The "purchase order nearly consumed" event once an order reaches 80 %, else nothing; the
 * same key whether the CRA save that crosses it or the scheduler notices it first.
 */
export function budgetEvent(c: { missionId: string; clientName: string; orderId: string; ratioBps: Bps }): DueEvent[] {
  if (c.ratioBps < BDC_NEARLY_CONSUMED_BPS) return [];
  return [{ type: 'purchase_order.nearly_consumed', key: `purchase_order.nearly_consumed:${c.orderId}`, data: { missionId: c.missionId, clientName: c.clientName, orderId: c.orderId, ratioBps: c.ratioBps } }];
}

function vatWarnings({ vat, today }: ReminderInput): DueEvent[] {
  if (!vat) return [];
  const out: DueEvent[] = VAT_WARNING_STEPS_BPS.filter((s) => vat.baseRatioBps >= s).map((s) => vatThresholdEvent(vat, s));
  if (vat.projectedBaseCrossingOn && vat.baseRatioBps < 10_000 && vat.projectedBaseCrossingOn.startsWith(String(vat.year)) && vat.projectedBaseCrossingOn >= today) {
    out.push({ type: 'vat.threshold_approaching', key: `vat.threshold_approaching:${vat.year}:projected`, data: { year: vat.year, revenueCents: vat.revenueCents, baseCents: vat.baseCents, ratioBps: vat.baseRatioBps, projectedCrossingOn: vat.projectedBaseCrossingOn, step: 'projected' } });
  }
  return out;
}

/** The 80 % / 90 % warning; the same key whether the scheduler or invoice issuing notices it first. */
export function vatThresholdEvent(vat: { year: number; revenueCents: Cents; baseCents: Cents; baseRatioBps: Bps }, stepBps: number): DueEvent {
  return {
    type: 'vat.threshold_approaching',
    key: `vat.threshold_approaching:${vat.year}:${stepBps / 100}`,
    data: { year: vat.year, revenueCents: vat.revenueCents, baseCents: vat.baseCents, ratioBps: vat.baseRatioBps, step: `${stepBps / 100}%`, projectedCrossingOn: null },
  };
}
