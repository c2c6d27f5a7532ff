import type { SmartContractType } from '../../../shared/payout/smart';
import { checkSmartDailyGross, type SmartGrossCheck } from '../../../shared/payout/smart';
import type { SmartQuoteForm } from '../../../shared/portals/smart';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import type { Operation } from '../apply';
import { frAmountInput, frCents, frDate, frNumber, frQuantity, toFrDate } from '../parse';
import { keysOf, one, textOf } from '../selectors';
import { SMART_PATHS } from './paths';
import { SMART_QUOTE } from './selectors';

/** The form's own codes for the contract types (its `<select>` values). */
const CONTRACT_CODES: Record<SmartContractType, string> = { salaried: 'SAL', salaried_artistic: 'ART1BIS', music: 'MUS304', music_chorister: 'CHO304' };
const CONTRACT_OF = Object.fromEntries(Object.entries(CONTRACT_CODES).map(([k, c]) => [c, k])) as Record<string, SmartContractType>;

const input = (doc: Document, key: keyof typeof SMART_QUOTE) => one(doc, SMART_QUOTE, key) as HTMLInputElement | null;

/** Nouveau devis (step 1, encoding), under an activity. */
export const quoteFormAdapter = {
  portal: 'smart',
  page: 'quote-form',
  map: SMART_QUOTE,
  keys: keysOf(SMART_QUOTE),
  matches: (url: string | URL) => SMART_PATHS.quoteForm.test(pathOf(url)),
  read: (doc: Document): ReadResult<SmartQuoteForm> =>
    readWith(doc, quoteFormAdapter, () => {
      const days = frNumber(input(doc, 'days')!.value);
      const amountCents = frCents(input(doc, 'amount')!.value);
      const gross = frCents(textOf(one(doc, SMART_QUOTE, 'dailyGross')));
      const type = CONTRACT_OF[(one(doc, SMART_QUOTE, 'contractType') as unknown as HTMLSelectElement).value];
      const client = input(doc, 'client')!.value.trim();
      const startsOn = frDate(input(doc, 'startsOn')!.value);
      const endsOn = frDate(input(doc, 'endsOn')!.value);
      return {
        ...(client ? { client } : {}),
        ...(startsOn ? { startsOn } : {}),
        ...(endsOn ? { endsOn } : {}),
        ...(days !== null && !Number.isNaN(days) ? { days } : {}),
        ...(amountCents !== undefined ? { amountCents } : {}),
        ...(type ? { contractType: type } : {}),
        partTime: !!input(doc, 'partTime')?.checked,
        ...(gross !== undefined ? { dailyGrossCents: gross } : {}),
      };
    }),
} satisfies PageAdapter<SmartQuoteForm> & { keys: readonly (keyof typeof SMART_QUOTE)[] };

/** A quote as Relais would encode it from a mission's month. */
export type DesiredQuote = { client: string; startsOn: string; endsOn: string; days: number; amountCents: number; contractType: SmartContractType | null; partTime?: boolean };

/**
 * The desired quote for a mission month: from its first to its last worked day, the days
 * captured, at the mission's daily rate.
 */
export function quoteFromMonth(mission: { clientName: string; dailyRateCents: number; smartContractType: SmartContractType | null }, days: Record<string, number>): DesiredQuote | null {
  const worked = Object.entries(days).filter(([, q]) => q > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!worked.length) return null;
  const total = Math.round(worked.reduce((s, [, q]) => s + q, 0) * 1000) / 1000;
  return { client: mission.clientName, startsOn: worked[0]![0], endsOn: worked[worked.length - 1]![0], days: total, amountCents: Math.round(total * mission.dailyRateCents), contractType: mission.smartContractType };
}

/** Operations that make the form show the desired quote. A sent quote cannot be edited (seed): this is only the new-quote form. */
export function planQuote(model: SmartQuoteForm, desired: DesiredQuote): Operation[] {
  const ops: Operation[] = [];
  const set = (key: keyof typeof SMART_QUOTE, from: string, to: string, label: string) => {
    if (from !== to) ops.push({ kind: 'set', key, index: 0, from, to, label });
  };
  set('client', model.client ?? '', desired.client, 'Client');
  set('startsOn', model.startsOn ? toFrDate(model.startsOn) : '', toFrDate(desired.startsOn), 'Date de début');
  set('endsOn', model.endsOn ? toFrDate(model.endsOn) : '', toFrDate(desired.endsOn), 'Date de fin');
  set('days', model.days === undefined ? '' : frQuantity(model.days), frQuantity(desired.days), 'Nombre de jours');
  set('amount', model.amountCents === undefined ? '' : frAmountInput(model.amountCents), frAmountInput(desired.amountCents), 'Montant (HTVA)');
  if (desired.contractType) set('contractType', model.contractType ? CONTRACT_CODES[model.contractType] : '', CONTRACT_CODES[desired.contractType], 'Type de contrat');
  if (desired.partTime !== undefined && desired.partTime !== model.partTime) ops.push({ kind: 'check', key: 'partTime', index: 0, from: model.partTime, to: desired.partTime, label: 'Temps partiel' });
  return ops;
}

/**
 * Whether the quote's gross per day reaches the contract type's legal minimum
 * (shared/payout/smart.ts, dated table with its source). With SMart's own estimate (shown in
 * cents, so ±0.5 cent), the amount to invoice that reaches the minimum scales with it, bounded
 * so the rounding cannot leave it a cent short. Without one: amount ÷ days, an upper bound of
 * the gross, so a warning is never a false alarm.
 */
export function grossCheck(q: { contractType?: SmartContractType | null; days?: number; amountCents?: number; dailyGrossCents?: number; partTime?: boolean }, on: string): SmartGrossCheck | null {
  if (!q.contractType || !q.days || !q.amountCents || q.partTime) return null;
  const estimate = q.dailyGrossCents;
  const check = checkSmartDailyGross({ contractType: q.contractType, dailyGrossCents: estimate ?? Math.floor(q.amountCents / q.days), days: q.days, on });
  if (check.ok || !estimate) return check;
  const requiredAmountCents = Math.ceil((q.amountCents * (check.minimumCents + 0.5)) / Math.max(estimate - 0.5, 1));
  return { ...check, requiredAmountCents, shortfallCents: requiredAmountCents - q.amountCents };
}
