import { assumedValidationOn, monthForecast } from '../../shared/cra/month-forecast';
import type { PayoutForecast } from '../../shared/payout/forecast';
import { OPEN_ENDED } from '../../shared/schemas/mission';
import type { CraContent, Mission } from '../lib/model';

export type LiveTotals = { days: number; netCents: number; feeCents: number | null; payoutCents: number | null; payoutEarliest: string | null; payoutLatest: string | null };

/**
 * Totals of the month as the user edits it, offline: the very composition the API's CRA view
 * uses (shared/cra/month-forecast.ts), so the popup and the API never disagree.
 */
export function liveTotals(mission: Mission, month: string, content: CraContent, vatRegime: 'franchise' | 'standard', today: string): LiveTotals {
  let forecast: PayoutForecast | null = null;
  let days = 0;
  let netCents = 0;
  try {
    // An open-ended order (no end date) runs for ever: the shared rules read it as OPEN_ENDED.
    const orders = mission.orders.map((o) => ({ ...o, endsOn: o.endsOn ?? OPEN_ENDED }));
    const res = monthForecast(month, content, { ...mission, orders }, vatRegime, assumedValidationOn(month, today));
    days = res.totals.days;
    netCents = res.invoice.netCents;
    forecast = res.forecast.ok ? res.forecast.value : null;
  } catch {
    // A value the shared rules refuse (it never reaches the API either): show no forecast.
    forecast = null;
  }
  return {
    days,
    netCents,
    feeCents: forecast?.feeCents ?? null,
    payoutCents: forecast?.payoutCents ?? null,
    payoutEarliest: forecast?.payoutEarliest ?? null,
    payoutLatest: forecast?.payoutLatest ?? null,
  };
}
