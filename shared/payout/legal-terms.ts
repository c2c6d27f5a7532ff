import type { IsoDate } from '../dates';
import { inForceOn, type Dated } from './dated';

/**
 * Maximum payment terms between businesses in France, by invoice date: 60 days from the
 * invoice date (art. L441-10 I Code de commerce, from the LME law n° 2008-776 for
 * contracts from 2009-01-01; DOMAIN.md "Invoices": "Maximum terms: 60 days from the
 * invoice date, or 45 days end of month"). Only the day-count form is modelled.
 */
export const LEGAL_MAX_TERMS_DAYS: readonly (Dated & { readonly maxDays: number })[] = [{ from: '2009-01-01', maxDays: 60 }];

/** The legal maximum in days for an invoice dated `invoiceDate`, or undefined before any rule. */
export function legalMaxTermsDays(invoiceDate: IsoDate): number | undefined {
  return inForceOn(LEGAL_MAX_TERMS_DAYS, invoiceDate)?.maxDays;
}
