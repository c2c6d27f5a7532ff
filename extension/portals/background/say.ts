import type { PlanNote } from '../littlebig/cra';
import type { Outcome, Say } from '../messages';
import { frQuantity, toFrDate } from '../parse';

/**
 * The words of what the overlays show from the background (messages.ts, `Say`): message keys
 * of `_locales` (`portal_*`) and their arguments, formatted the portals' way.
 */

const date = (iso: string | null) => (iso ? toFrDate(iso) : '');
const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

/**
 * What the background did with a page, in words.
 * @example sayOutcome({ kind: 'invoice_paid', number: 'F-2026-0042', paidOn: '2026-11-02' }) // [['out_invoice_paid', 'F-2026-0042', '02/11/2026']]
 */
export function sayOutcome(o: Outcome): Say[] {
  switch (o.kind) {
    case 'validated':
      return [['out_validated', date(o.validatedOn)], ...(o.payoutEarliest ? [['out_payout', date(o.payoutEarliest), date(o.payoutLatest ?? o.payoutEarliest)] satisfies Say] : [])];
    case 'invoice_paid':
    case 'client_paid':
      return [[`out_${o.kind}`, o.number, date(o.paidOn)]];
    case 'failed':
      return [['out_failed', o.message]];
    case 'no_mission':
      return [['noMission', o.missionRef]];
    default:
      return [[`out_${o.kind}`]];
  }
}

/** Why a CRA plan leaves something out, in words. */
export function sayNote(n: PlanNote): Say {
  switch (n.kind) {
    case 'locked_month':
      return ['locked'];
    case 'locked_day':
      return ['lockedDay', toFrDate(n.date), frQuantity(n.quantity)];
    case 'unsupported_quantity':
      return ['quarter', toFrDate(n.date), frQuantity(n.quantity)];
    case 'empty_month':
      return ['emptyMonth'];
    default:
      return ['expense', n.label, euros(n.amountCents)];
  }
}
