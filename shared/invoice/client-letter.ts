import { daysBetween, type IsoDate } from '../dates';
import { formatMoney, type Bps, type Cents } from '../money';
import { DUNNING_STEPS } from '../notifications/reminders';
import { frenchMonthLabel } from '../cra/month-label';
import { latePenalty } from './penalties';

/**
 * The letters a freelancer sends their own client about an invoice: the invoice itself,
 * and the three dunning steps (DOMAIN.md "Direct clients: dunning": D+1 courteous, D+8
 * firm, D+15 formal notice). Relais drafts them; the freelancer reads, copies or sends.
 * The API's email and the extension's draft come from this one function.
 */
export type LetterLocale = 'fr' | 'en';
export type LetterKind = 'invoice' | 'reminder';
export type LetterInvoice = {
  kind: 'invoice' | 'credit_note';
  number: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  serviceMonth: string | null;
  totalCents: Cents;
  penaltyRateBps: Bps;
  sellerName: string;
  buyerName: string;
  /** The credit note's cancelled invoice, by number. */
  cancelsNumber?: string | null;
};
export type ClientLetter = { subject: string; text: string };

/**
 * The dunning step reached on `today` for an invoice due on `dueOn`: 0 while not late, then 1, 2, 3.
 * @example dunningStepOn('2026-10-01', '2026-10-09') // 2 (8 days late)
 */
export function dunningStepOn(dueOn: IsoDate, today: IsoDate): 0 | 1 | 2 | 3 {
  const daysLate = daysBetween(dueOn, today);
  const step = [...DUNNING_STEPS].reverse().find((s) => daysLate >= s.fromDay);
  return step ? step.step : 0;
}

const longDate = (iso: IsoDate, l: LetterLocale) =>
  new Intl.DateTimeFormat(l === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const monthLabel = (month: string, l: LetterLocale) =>
  l === 'fr' ? frenchMonthLabel(month) : new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
/** "de mai 2026", "d'octobre 2026". */
const ofMonthFr = (month: string) => {
  const label = frenchMonthLabel(month);
  return /^[aeiouéèê]/.test(label) ? `d'${label}` : `de ${label}`;
};
const pct = (bps: Bps, l: LetterLocale) => `${(bps / 100).toLocaleString(l === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 })} %`;

/**
 * The letter for `kind` (and the dunning `step` for a reminder) as of `today`.
 * @example clientLetter({ kind: 'reminder', step: 3, invoice, today: '2026-12-20', locale: 'fr' }).subject
 *   // 'Mise en demeure de payer la facture 2026-0007'
 */
export function clientLetter(input: { kind: LetterKind; step?: 1 | 2 | 3; invoice: LetterInvoice; today: IsoDate; locale: LetterLocale }): ClientLetter {
  const { invoice: inv, locale: l } = input;
  const m = (c: Cents) => formatMoney(c, l);
  const period = inv.serviceMonth ? (l === 'fr' ? ` (prestations ${ofMonthFr(inv.serviceMonth)})` : ` (services of ${monthLabel(inv.serviceMonth, l)})`) : '';
  const hello = l === 'fr' ? 'Bonjour,' : 'Hello,';
  const bye = l === 'fr' ? ['Cordialement,', inv.sellerName] : ['Kind regards,', inv.sellerName];
  const body = (subject: string, lines: string[]): ClientLetter => ({ subject, text: [hello, '', ...lines.flatMap((x) => [x, '']), ...bye].join('\n') });

  if (input.kind === 'invoice') {
    if (inv.kind === 'credit_note') {
      const cancels = inv.cancelsNumber ? (l === 'fr' ? `, qui annule la facture ${inv.cancelsNumber}` : `, which cancels invoice ${inv.cancelsNumber}`) : '';
      return l === 'fr'
        ? body(`Avoir ${inv.number} — ${inv.sellerName}`, [`Veuillez trouver ci-joint l'avoir ${inv.number} du ${longDate(inv.issuedOn, l)}${cancels}, d'un montant de ${m(-Math.abs(inv.totalCents))} TTC.`])
        : body(`Credit note ${inv.number} — ${inv.sellerName}`, [`Please find attached credit note ${inv.number} of ${longDate(inv.issuedOn, l)}${cancels}, for ${m(-Math.abs(inv.totalCents))} incl. VAT.`]);
    }
    return l === 'fr'
      ? body(`Facture ${inv.number} — ${inv.sellerName}`, [
          `Veuillez trouver ci-joint la facture ${inv.number} du ${longDate(inv.issuedOn, l)}${period}, d'un montant de ${m(inv.totalCents)} TTC, à régler au plus tard le ${longDate(inv.dueOn, l)}.`,
          'Le fichier PDF contient aussi la facture électronique Factur-X.',
        ])
      : body(`Invoice ${inv.number} — ${inv.sellerName}`, [
          `Please find attached invoice ${inv.number} of ${longDate(inv.issuedOn, l)}${period}, for ${m(inv.totalCents)} incl. VAT, payable by ${longDate(inv.dueOn, l)}.`,
          'The PDF file also carries the Factur-X electronic invoice.',
        ]);
  }

  const step = input.step ?? (Math.max(1, dunningStepOn(inv.dueOn, input.today)) as 1 | 2 | 3);
  const p = latePenalty({ totalCents: inv.totalCents, dueOn: inv.dueOn, asOf: input.today, annualRateBps: inv.penaltyRateBps });
  const due = inv.totalCents + p.totalPenaltyCents;
  const unpaid =
    l === 'fr'
      ? `Sauf erreur de notre part, la facture ${inv.number} du ${longDate(inv.issuedOn, l)}${period}, d'un montant de ${m(inv.totalCents)} TTC, échue le ${longDate(inv.dueOn, l)}, reste impayée à ce jour.`
      : `Unless we are mistaken, invoice ${inv.number} of ${longDate(inv.issuedOn, l)}${period}, for ${m(inv.totalCents)} incl. VAT, due on ${longDate(inv.dueOn, l)}, remains unpaid.`;
  const penalties =
    l === 'fr'
      ? `Conformément à l'article L441-10 du Code de commerce, des pénalités de retard au taux annuel de ${pct(p.rateBps, l)} courent depuis l'échéance (${m(p.interestCents)} au ${longDate(input.today, l)}), ainsi que l'indemnité forfaitaire pour frais de recouvrement de ${m(p.indemnityCents)} (art. D441-5).`
      : `Under article L441-10 of the French Commercial Code, late-payment penalties at the annual rate of ${pct(p.rateBps, l)} run from the due date (${m(p.interestCents)} as of ${longDate(input.today, l)}), plus the fixed collection indemnity of ${m(p.indemnityCents)} (art. D441-5).`;
  if (step === 1) {
    return l === 'fr'
      ? body(`Rappel : facture ${inv.number}`, [unpaid, 'Pourriez-vous vérifier son règlement ? Si le paiement est déjà parti, merci de ne pas tenir compte de ce message.'])
      : body(`Reminder: invoice ${inv.number}`, [unpaid, 'Could you check its payment? If it is already on its way, please disregard this message.']);
  }
  if (step === 2) {
    return l === 'fr'
      ? body(`Deuxième relance : facture ${inv.number}`, [unpaid, penalties, `Merci de procéder au règlement de ${m(due)} dans les meilleurs délais.`])
      : body(`Second reminder: invoice ${inv.number}`, [unpaid, penalties, `Please pay ${m(due)} at your earliest convenience.`]);
  }
  return l === 'fr'
    ? body(`Mise en demeure de payer la facture ${inv.number}`, [
        `Malgré nos relances, la facture ${inv.number}, échue le ${longDate(inv.dueOn, l)}, d'un montant de ${m(inv.totalCents)} TTC, reste impayée.`,
        `Nous vous mettons en demeure de nous régler sous 8 jours à compter de la réception de la présente la somme de ${m(due)}, comprenant le montant de la facture, les pénalités de retard de ${m(p.interestCents)} au taux annuel de ${pct(p.rateBps, l)} arrêtées au ${longDate(input.today, l)} (art. L441-10 du Code de commerce) et l'indemnité forfaitaire pour frais de recouvrement de ${m(p.indemnityCents)} (art. D441-5).`,
        'À défaut de paiement dans ce délai, nous saisirons la juridiction compétente sans autre avis.',
      ])
    : body(`Formal notice to pay invoice ${inv.number}`, [
        `Despite our reminders, invoice ${inv.number}, due on ${longDate(inv.dueOn, l)}, for ${m(inv.totalCents)} incl. VAT, remains unpaid.`,
        `We hereby give you formal notice to pay within 8 days of receipt the sum of ${m(due)}: the invoice amount, late-payment penalties of ${m(p.interestCents)} at the annual rate of ${pct(p.rateBps, l)} as of ${longDate(input.today, l)} (art. L441-10 of the French Commercial Code), and the fixed collection indemnity of ${m(p.indemnityCents)} (art. D441-5).`,
        'Failing payment within this period, we will refer the matter to the competent court without further notice.',
      ]);
}
