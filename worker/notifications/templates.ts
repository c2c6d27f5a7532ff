import { frenchMonthLabel } from '../../shared/cra/month-label';
import { formatMoney } from '../../shared/money';
import type { OutgoingMail } from '../mail/mailer';

type Locale = 'fr' | 'en';
type Data = Record<string, unknown>;
type Content = { subject: string; lines: string[] };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A day as people write it: "vendredi 30 octobre 2026" / "Friday 30 October 2026". */
export function longDate(iso: unknown, locale: Locale): string {
  if (typeof iso !== 'string') return '';
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

const money = (cents: unknown, locale: Locale) => (typeof cents === 'number' ? formatMoney(cents, locale) : '');
const monthLabel = (month: unknown, locale: Locale) =>
  typeof month !== 'string' ? '' : locale === 'fr' ? frenchMonthLabel(month) : new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
const pct = (bps: unknown) => (typeof bps === 'number' ? `${Math.floor(bps / 100)} %` : '');
const payoutWindow = (d: Data, l: Locale) =>
  d.payoutEarliest === d.payoutLatest ? longDate(d.payoutLatest, l) : l === 'fr' ? `entre le ${longDate(d.payoutEarliest, l)} et le ${longDate(d.payoutLatest, l)}` : `between ${longDate(d.payoutEarliest, l)} and ${longDate(d.payoutLatest, l)}`;

const MISMATCH_LABEL: Record<string, { fr: string; en: string; money: boolean }> = {
  totalCents: { fr: 'total TTC', en: 'total incl. VAT', money: true },
  netCents: { fr: 'total HT', en: 'total excl. VAT', money: true },
  feeCents: { fr: 'frais', en: 'fee', money: true },
  days: { fr: 'jours', en: 'days', money: false },
  dailyRateCents: { fr: 'TJM', en: 'daily rate', money: true },
};
/** "total TTC 1 300,00 € attendu, 1 250,00 € sur le portail; …" */
function mismatchText(d: Data, l: Locale): string {
  return String(d.fields ?? '').split(',').filter(Boolean).map((f) => {
    const label = MISMATCH_LABEL[f] ?? { fr: f, en: f, money: false };
    const show = (v: unknown) => (label.money ? money(v, l) : String(v ?? '—'));
    return l === 'fr' ? `${label.fr} ${show(d[`expected_${f}`])} attendu, ${show(d[`observed_${f}`])} sur le portail` : `${label.en} ${show(d[`expected_${f}`])} expected, ${show(d[`observed_${f}`])} on the portal`;
  }).join(l === 'fr' ? ' ; ' : '; ');
}

/** The formal notice a freelancer sends a client 15 days after the due date (Relais drafts it; the freelancer sends it). */
function formalNotice(d: Data, l: Locale): string[] {
  if (l === 'en') {
    return [
      '--- Draft formal notice (mise en demeure), to send by registered letter or email with proof of receipt ---',
      `Subject: Formal notice to pay invoice ${d.invoiceNumber}`,
      `Despite our previous reminders, invoice ${d.invoiceNumber}, due on ${longDate(d.dueOn, l)}, for ${money(d.totalCents, l)} including VAT, remains unpaid.`,
      `We hereby give you formal notice to pay within 8 days of receipt the sum of ${money(d.amountDueCents, l)}: the invoice amount, late-payment penalties of ${money(d.interestCents, l)} at the annual rate of ${pct(d.penaltyRateBps)} as of ${longDate(d.asOf, l)} (art. L441-10 of the French Commercial Code), and the fixed collection indemnity of ${money(d.indemnityCents, l)} (art. D441-5).`,
      'Failing payment within this period, we will refer the matter to the competent court without further notice.',
    ];
  }
  return [
    '--- Projet de mise en demeure, à envoyer par lettre recommandée avec accusé de réception ou par courriel avec preuve de réception ---',
    `Objet : Mise en demeure de payer la facture ${d.invoiceNumber}`,
    `Malgré nos relances, la facture ${d.invoiceNumber}, échue le ${longDate(d.dueOn, l)}, d'un montant de ${money(d.totalCents, l)} TTC, reste impayée.`,
    `Nous vous mettons en demeure de nous régler sous 8 jours à compter de la réception de la présente la somme de ${money(d.amountDueCents, l)}, comprenant le montant de la facture, les pénalités de retard de ${money(d.interestCents, l)} au taux annuel de ${pct(d.penaltyRateBps)} arrêtées au ${longDate(d.asOf, l)} (art. L441-10 du Code de commerce) et l'indemnité forfaitaire pour frais de recouvrement de ${money(d.indemnityCents, l)} (art. D441-5).`,
    'À défaut de paiement dans ce délai, nous saisirons la juridiction compétente sans autre avis.',
  ];
}

const CONTENT: Record<string, (d: Data, l: Locale) => Content> = {
  'cra.to_submit': (d, l) =>
    l === 'fr'
      ? { subject: `CRA ${monthLabel(d.month, l)} à soumettre — ${d.clientName}`, lines: [`Le CRA de ${monthLabel(d.month, l)} pour ${d.clientName} n'est pas encore soumis.`, d.workingDaysLeft === 0 ? "C'est le dernier jour ouvré du mois." : `Il reste ${d.workingDaysLeft} jour(s) ouvré(s) dans le mois.`, 'Soumettez-le depuis Relais ou le portail pour être payé à temps.'] }
      : { subject: `${monthLabel(d.month, l)} activity report to submit — ${d.clientName}`, lines: [`Your ${monthLabel(d.month, l)} activity report for ${d.clientName} is not submitted yet.`, d.workingDaysLeft === 0 ? 'Today is the last working day of the month.' : `${d.workingDaysLeft} working day(s) left this month.`, 'Submit it from Relais or the portal to be paid on time.'] },
  'cra.validated': (d, l) =>
    l === 'fr'
      ? { subject: `CRA ${monthLabel(d.month, l)} validé — ${d.clientName}`, lines: [`${d.clientName} a validé votre CRA de ${monthLabel(d.month, l)} le ${longDate(d.validatedOn, l)}.`, d.payoutLatest ? `Versement attendu : ${money(d.payoutCents, l)} ${d.payoutEarliest === d.payoutLatest ? 'le' : ''} ${payoutWindow(d, l)}.` : `Versement : ${money(d.payoutCents, l)}, dès que la facture déposée est validée par le portail.`] }
      : { subject: `${monthLabel(d.month, l)} activity report validated — ${d.clientName}`, lines: [`${d.clientName} validated your ${monthLabel(d.month, l)} activity report on ${longDate(d.validatedOn, l)}.`, d.payoutLatest ? `Expected payout: ${money(d.payoutCents, l)} ${d.payoutEarliest === d.payoutLatest ? 'on' : ''} ${payoutWindow(d, l)}.` : `Payout: ${money(d.payoutCents, l)}, once the portal validates the uploaded invoice.`] },
  'cra.refused': (d, l) =>
    l === 'fr'
      ? { subject: `CRA ${monthLabel(d.month, l)} refusé — ${d.clientName}`, lines: [`${d.clientName} a refusé votre CRA de ${monthLabel(d.month, l)}.`, `Motif : « ${d.reason} »`, 'Corrigez-le dans Relais puis soumettez-le à nouveau.'] }
      : { subject: `${monthLabel(d.month, l)} activity report refused — ${d.clientName}`, lines: [`${d.clientName} refused your ${monthLabel(d.month, l)} activity report.`, `Reason: "${d.reason}"`, 'Correct it in Relais and submit it again.'] },
  'invoice.issued': (d, l) =>
    l === 'fr'
      ? { subject: `${d.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${d.invoiceNumber} émis(e) — ${money(d.totalCents, l)}`, lines: [`${d.kind === 'credit_note' ? "L'avoir" : 'La facture'} ${d.invoiceNumber} du ${longDate(d.issuedOn, l)} pour ${d.clientName} : ${money(d.totalCents, l)} TTC.`, d.kind === 'credit_note' ? `Il annule la facture ${d.cancelsNumber ?? ''}.` : `Échéance client : ${longDate(d.dueOn, l)}.`] }
      : { subject: `${d.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${d.invoiceNumber} issued — ${money(d.totalCents, l)}`, lines: [`${d.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${d.invoiceNumber} of ${longDate(d.issuedOn, l)} for ${d.clientName}: ${money(d.totalCents, l)} incl. VAT.`, d.kind === 'credit_note' ? `It cancels invoice ${d.cancelsNumber ?? ''}.` : `Client due date: ${longDate(d.dueOn, l)}.`] },
  'invoice.mismatch': (d, l) =>
    l === 'fr'
      ? { subject: `Facture du portail ${d.portalNumber} différente de l'attendue — ${d.clientName}`, lines: [`La facture ${d.portalNumber} émise par le portail pour ${monthLabel(d.month, l)} (${d.clientName}) ne correspond pas à celle attendue : ${mismatchText(d, l)}.`, 'Vérifiez-la sur le portail et contactez-le si elle est erronée.'] }
      : { subject: `Portal invoice ${d.portalNumber} differs from the one expected — ${d.clientName}`, lines: [`Invoice ${d.portalNumber} issued by the portal for ${monthLabel(d.month, l)} (${d.clientName}) does not match the one expected: ${mismatchText(d, l)}.`, 'Check it on the portal and contact them if it is wrong.'] },
  'payout.expected_tomorrow': (d, l) =>
    l === 'fr'
      ? { subject: `Versement attendu demain : ${money(d.payoutCents, l)}`, lines: [`Le versement de la facture ${d.invoiceNumber} (${d.clientName}) est attendu à partir de demain, ${longDate(d.payoutEarliest, l)} : ${money(d.payoutCents, l)}.`] }
      : { subject: `Payout expected tomorrow: ${money(d.payoutCents, l)}`, lines: [`The payout for invoice ${d.invoiceNumber} (${d.clientName}) is expected from tomorrow, ${longDate(d.payoutEarliest, l)}: ${money(d.payoutCents, l)}.`] },
  'payout.expected_today': (d, l) =>
    l === 'fr'
      ? { subject: `Versement dû aujourd'hui : ${money(d.payoutCents, l)}`, lines: [`Le versement de la facture ${d.invoiceNumber} (${d.clientName}) est dû aujourd'hui, ${longDate(d.payoutLatest, l)} : ${money(d.payoutCents, l)}.`, "S'il n'est pas arrivé demain, Relais vous le signalera."] }
      : { subject: `Payout due today: ${money(d.payoutCents, l)}`, lines: [`The payout for invoice ${d.invoiceNumber} (${d.clientName}) is due today, ${longDate(d.payoutLatest, l)}: ${money(d.payoutCents, l)}.`, 'If it has not arrived by tomorrow, Relais will tell you.'] },
  'payout.late': (d, l) =>
    l === 'fr'
      ? { subject: `Versement en retard : facture ${d.invoiceNumber}`, lines: [`Le versement de ${money(d.payoutCents, l)} pour la facture ${d.invoiceNumber} (${d.clientName}) était attendu au plus tard le ${longDate(d.payoutLatest, l)}.`, 'Vérifiez votre compte ; s\'il est arrivé, marquez la facture payée dans Relais, sinon contactez le portail.'] }
      : { subject: `Payout late: invoice ${d.invoiceNumber}`, lines: [`The payout of ${money(d.payoutCents, l)} for invoice ${d.invoiceNumber} (${d.clientName}) was expected by ${longDate(d.payoutLatest, l)}.`, 'Check your account; if it arrived, mark the invoice paid in Relais, otherwise contact the portal.'] },
  'payout.received': (d, l) =>
    l === 'fr'
      ? { subject: `Versement reçu : ${money(d.payoutCents, l)}`, lines: [`La facture ${d.invoiceNumber} (${d.clientName}) est payée le ${longDate(d.paidOn, l)} : ${money(d.payoutCents, l)}.`] }
      : { subject: `Payout received: ${money(d.payoutCents, l)}`, lines: [`Invoice ${d.invoiceNumber} (${d.clientName}) was paid on ${longDate(d.paidOn, l)}: ${money(d.payoutCents, l)}.`] },
  'invoice.overdue': (d, l) => {
    const head =
      l === 'fr'
        ? [`La facture ${d.invoiceNumber} (${d.clientName}), échue le ${longDate(d.dueOn, l)}, est impayée depuis ${d.daysLate} jour(s).`, `Montant : ${money(d.totalCents, l)} TTC ; pénalités à ce jour : ${money(d.interestCents, l)} (taux ${pct(d.penaltyRateBps)}) + indemnité forfaitaire ${money(d.indemnityCents, l)} ; total exigible : ${money(d.amountDueCents, l)}.`]
        : [`Invoice ${d.invoiceNumber} (${d.clientName}), due on ${longDate(d.dueOn, l)}, has been unpaid for ${d.daysLate} day(s).`, `Amount: ${money(d.totalCents, l)} incl. VAT; penalties to date: ${money(d.interestCents, l)} (rate ${pct(d.penaltyRateBps)}) + fixed indemnity ${money(d.indemnityCents, l)}; total due: ${money(d.amountDueCents, l)}.`];
    const step = Number(d.step);
    const advice =
      step === 1 ? (l === 'fr' ? ['Première relance, courtoise : un simple rappel au client suffit souvent.'] : ['First reminder, courteous: a friendly note to the client is often enough.'])
      : step === 2 ? (l === 'fr' ? ['Deuxième relance, ferme : rappelez les pénalités et l\'indemnité prévues sur la facture.'] : ['Second reminder, firm: remind the client of the penalties and indemnity stated on the invoice.'])
      : formalNotice(d, l);
    const subject = l === 'fr' ? `${step === 3 ? 'Mise en demeure à envoyer' : `Relance ${step}`} : facture ${d.invoiceNumber} impayée` : `${step === 3 ? 'Formal notice to send' : `Reminder ${step}`}: invoice ${d.invoiceNumber} unpaid`;
    return { subject, lines: [...head, ...advice] };
  },
  'purchase_order.nearly_consumed': (d, l) =>
    l === 'fr'
      ? { subject: `Bon de commande consommé à ${pct(d.ratioBps)} — ${d.clientName}`, lines: [`Le bon de commande de la mission ${d.clientName} est consommé à ${pct(d.ratioBps)}.`, 'Pensez au renouvellement avant qu\'il soit épuisé.'] }
      : { subject: `Purchase order ${pct(d.ratioBps)} consumed — ${d.clientName}`, lines: [`The purchase order of your ${d.clientName} mission is ${pct(d.ratioBps)} consumed.`, 'Ask for the renewal before it runs out.'] },
  'document.expiring': (d, l) =>
    l === 'fr'
      ? { subject: `Document à renouveler : ${d.label}`, lines: [`« ${d.label} » expire le ${longDate(d.expiresOn, l)} (dans ${d.daysLeft} jour(s)).`, 'Déposez la nouvelle version sur vos portails avant cette date.'] }
      : { subject: `Document to renew: ${d.label}`, lines: [`"${d.label}" expires on ${longDate(d.expiresOn, l)} (in ${d.daysLeft} day(s)).`, 'Upload the new version to your portals before then.'] },
  'vat.threshold_approaching': (d, l) => {
    const projected = d.step === 'projected';
    return l === 'fr'
      ? { subject: projected ? `Seuil de franchise de TVA ${d.year} : franchissement prévu le ${longDate(d.projectedCrossingOn, l)}` : `Seuil de franchise de TVA ${d.year} atteint à ${pct(d.ratioBps)}`, lines: [`Chiffre d'affaires ${d.year} : ${money(d.revenueCents, l)} sur un seuil de ${money(d.baseCents, l)} (${pct(d.ratioBps)}).`, projected ? `Au rythme des jours prévus, le seuil serait dépassé le ${longDate(d.projectedCrossingOn, l)} : la TVA s'appliquerait dès le 1er janvier suivant (ou dès le dépassement du seuil majoré).` : 'Au-delà du seuil, la TVA s\'applique au 1er janvier suivant ; au-delà du seuil majoré, dès la facture qui le dépasse.'] }
      : { subject: projected ? `${d.year} VAT franchise threshold: crossing expected on ${longDate(d.projectedCrossingOn, l)}` : `${d.year} VAT franchise threshold ${pct(d.ratioBps)} reached`, lines: [`${d.year} revenue: ${money(d.revenueCents, l)} of a ${money(d.baseCents, l)} threshold (${pct(d.ratioBps)}).`, projected ? `At the pace of planned days the threshold would be crossed on ${longDate(d.projectedCrossingOn, l)}: VAT would apply from the next 1 January (or at once past the higher threshold).` : 'Past the threshold, VAT applies from the next 1 January; past the higher threshold, from the invoice that crosses it.'] };
  },
  'webhook.endpoint_disabled': (d, l) =>
    l === 'fr'
      ? { subject: 'Webhook désactivé', lines: [`Votre webhook ${d.url} échoue depuis le ${longDate(d.failingSince, l)} ; Relais l'a désactivé.`, `Dernière erreur : ${d.lastError}.`, 'Réparez le récepteur puis réactivez-le dans les réglages de Relais.'] }
      : { subject: 'Webhook disabled', lines: [`Your webhook ${d.url} has been failing since ${longDate(d.failingSince, l)}; Relais disabled it.`, `Last error: ${d.lastError}.`, 'Fix the receiver, then enable it again in Relais settings.'] },
};

/**
 * The email for an event, in the user's language: plain text and HTML, with the
 * one-click unsubscribe link for that event type (RFC 8058 headers are added by the mailer).
 */
export function eventMail(input: { type: string; data: Data; locale: string; to: string; unsubscribeUrl?: string }): OutgoingMail {
  const l: Locale = input.locale.startsWith('en') ? 'en' : 'fr';
  const render = CONTENT[input.type];
  if (!render) throw new Error(`no email template for ${input.type}`);
  const { subject, lines } = render(input.data, l);
  const footer = input.unsubscribeUrl
    ? l === 'fr'
      ? `Vous recevez ce message car les notifications « ${input.type} » sont actives. Ne plus les recevoir : ${input.unsubscribeUrl}`
      : `You receive this because "${input.type}" notifications are on. Stop them: ${input.unsubscribeUrl}`
    : '';
  const greeting = l === 'fr' ? 'Bonjour,' : 'Hello,';
  const text = [greeting, '', ...lines.flatMap((x) => [x, '']), '— Relais', ...(footer ? ['', footer] : [])].join('\n');
  const html = [
    `<!doctype html><html lang="${l}"><body style="font-family:system-ui,sans-serif;font-size:15px;color:#1f2937;max-width:560px">`,
    `<p>${greeting}</p>`,
    ...lines.map((x) => (x.startsWith('---') ? `<hr><p><em>${escapeHtml(x.replace(/^-+ | -+$/g, ''))}</em></p>` : `<p>${escapeHtml(x)}</p>`)),
    '<p>— Relais</p>',
    input.unsubscribeUrl ? `<p style="font-size:12px;color:#6b7280">${escapeHtml(footer.split(input.unsubscribeUrl)[0]!)}<a href="${escapeHtml(input.unsubscribeUrl)}">${l === 'fr' ? 'se désabonner' : 'unsubscribe'}</a></p>` : '',
    '</body></html>',
  ].join('');
  return { to: input.to, subject, text, html, unsubscribeUrl: input.unsubscribeUrl };
}
