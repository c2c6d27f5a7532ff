import type { IsoDate } from '../dates';
import { formatMoney, lineAmount, type Cents } from '../money';
import { inForceOn, SINCE_ALWAYS, type Dated } from '../dated-table';

/** SMart BE contract types with their own legal gross minimum per day. */
export type SmartContractType = 'salaried' | 'salaried_artistic' | 'music' | 'music_chorister';

export const SMART_CONTRACT_TYPES: readonly SmartContractType[] = ['salaried', 'salaried_artistic', 'music', 'music_chorister'];

/**
 * Legal gross minimum per day (brut employé) by contract type, in cents. DOMAIN.md "SMart BE
 * (cooperative)"; seed smart-be-quote-order.fr.txt ("Rappel des minimas"): salaried 71.97 €,
 * salaried for an artistic service (contrat 1er bis) 69.32 €, music under CP 304 (singer,
 * composer/arranger, DJ/MC, musician) 106.65 €, chorister 93.58 €. The seed is undated, so the
 * row starts at SINCE_ALWAYS; an indexation is a new row.
 */
export const SMART_MIN_DAILY_GROSS: readonly (Dated & { readonly minimums: Readonly<Record<SmartContractType, Cents>> })[] = [
  { from: SINCE_ALWAYS, minimums: { salaried: 7_197, salaried_artistic: 6_932, music: 10_665, music_chorister: 9_358 } },
];

/**
 * The gross minimum per day of a contract type on a date.
 * @example smartMinimumDailyGross('salaried', '2026-05-01') // 7 197
 */
export function smartMinimumDailyGross(type: SmartContractType, on: IsoDate): Cents {
  const row = inForceOn(SMART_MIN_DAILY_GROSS, on);
  if (!row) throw new RangeError(`no SMart minimum in force on ${on}`);
  return row.minimums[type];
}

export type SmartWayOut = 'raise_amount' | 'part_time';

export type SmartGrossCheck =
  | { ok: true; minimumCents: Cents }
  | {
      ok: false;
      code: 'below_minimum_gross';
      message: string;
      minimumCents: Cents;
      /** What the amount for all the days lacks: requiredAmountCents − days × dailyGrossCents. */
      shortfallCents: Cents;
      /** What each day lacks. */
      dailyShortfallCents: Cents;
      waysOut: readonly SmartWayOut[];
      /** The amount for the days that reaches the minimum: days × minimum, rounded half-up. */
      requiredAmountCents: Cents;
    };

/**
 * Checks that the salary budget per day reaches the legal gross minimum; below it, offers
 * the two ways out of the seed: raise the amount, or work part time (SMart advises against
 * part time for the member's social protection).
 * @example checkSmartDailyGross({ contractType: 'salaried', dailyGrossCents: 7_000, days: 2.5, on: '2026-05-01' })
 * // { ok: false, code: 'below_minimum_gross', minimumCents: 7 197, dailyShortfallCents: 197,
 * //   requiredAmountCents: 17 993 (17 992.5 → 17 993), shortfallCents: 493 (17 993 − 17 500), waysOut: ['raise_amount', 'part_time'], … }
 */
export function checkSmartDailyGross(input: { contractType: SmartContractType; dailyGrossCents: Cents; days: number; on: IsoDate }): SmartGrossCheck {
  const minimumCents = smartMinimumDailyGross(input.contractType, input.on);
  if (input.dailyGrossCents >= minimumCents) return { ok: true, minimumCents };
  const requiredAmountCents = lineAmount(input.days, minimumCents);
  return {
    ok: false,
    code: 'below_minimum_gross',
    message: `The gross salary per day (${formatMoney(input.dailyGrossCents, 'en')}) is below the legal minimum of ${formatMoney(minimumCents, 'en')} for a ${input.contractType} contract: raise the amount to ${formatMoney(requiredAmountCents, 'en')}, or work part time.`,
    minimumCents,
    shortfallCents: requiredAmountCents - lineAmount(input.days, input.dailyGrossCents),
    dailyShortfallCents: minimumCents - input.dailyGrossCents,
    waysOut: ['raise_amount', 'part_time'],
    requiredAmountCents,
  };
}
