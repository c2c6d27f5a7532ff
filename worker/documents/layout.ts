import { NO_DISCOUNT_MENTION, formatRateFr, paymentTermsMention } from '../../shared/invoice/mentions';
import { printedLines, printedTotals, printedVat } from './amounts';
import { Canvas, type TextStyle } from './canvas';
import { INDEMNITY_TEXT, penaltiesText } from './notes';
import { dateFr, euros, ibanFr, monthBounds, monthFr, quantityFr, siretFr } from './format-fr';
import type { InvoiceDocument } from './types';

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 };
const M = 48; // margin
const RIGHT = PAGE.width - M;
const INK: [number, number, number] = [0.1, 0.1, 0.12];
const MUTED: [number, number, number] = [0.42, 0.43, 0.47];
const ACCENT: [number, number, number] = [0.13, 0.29, 0.53];
const RULE: [number, number, number] = [0.82, 0.83, 0.86];
const SHADE: [number, number, number] = [0.94, 0.95, 0.97];

const LEGAL_FORM: Record<InvoiceDocument['seller']['legalForm'], string | null> = { ei: 'EI', eurl: 'EURL', sasu: 'SASU', smart: null, other: null };

/** The seller's name as the law wants it printed: "EI" after an individual business's name. */
export function sellerDisplayName(seller: InvoiceDocument['seller']): string {
  return seller.legalForm === 'ei' ? `${seller.legalName} EI` : seller.legalName;
}

/** The seller's legal lines: form and capital, RCS, SIREN/SIRET, VAT number where VAT applies. */
export function sellerLegalLines(doc: InvoiceDocument): string[] {
  const s = doc.seller;
  const lines: string[] = [];
  const form = LEGAL_FORM[s.legalForm];
  if (s.legalForm === 'eurl' || s.legalForm === 'sasu') {
    lines.push(s.shareCapitalCents !== null ? `${form} au capital de ${euros(s.shareCapitalCents)}` : form!);
    if (s.rcs) lines.push(/^RCS\b/i.test(s.rcs) ? s.rcs : `RCS ${s.rcs}`);
  } else if (s.legalForm === 'ei') {
    lines.push('Entrepreneur individuel');
  }
  if (s.siret) lines.push(`SIREN ${siretFr(s.siret).slice(0, 11)} · SIRET ${siretFr(s.siret)}`);
  if (doc.treatment !== 'franchise' && s.vatNumber) lines.push(`N° TVA intracommunautaire : ${s.vatNumber}`);
  return lines;
}

/** When the service was performed: the month, with its first and last day. */
export function servicePeriod(doc: InvoiceDocument): string | null {
  if (!doc.serviceMonth) return null;
  const { start, end } = monthBounds(doc.serviceMonth);
  return `${monthFr(doc.serviceMonth)} (du ${dateFr(start)} au ${dateFr(end)})`;
}

/** The client's address as printed: street lines, "postcode city", the country when not France. */
export function buyerAddressLines(doc: InvoiceDocument): string[] {
  const a = doc.buyer.address;
  if (!a) return [];
  const town = [a.postcode, a.city].filter(Boolean).join(' ');
  return [...a.lines, ...(town ? [town] : []), ...(doc.buyer.country !== 'FR' ? [COUNTRY_FR[doc.buyer.country] ?? doc.buyer.country] : [])];
}
const COUNTRY_FR: Record<string, string> = { BE: 'Belgique', DE: 'Allemagne', LU: 'Luxembourg', CH: 'Suisse', NL: 'Pays-Bas', ES: 'Espagne', IT: 'Italie', GB: 'Royaume-Uni' };

/** Lays out page 1 of an invoice or credit note. */
export function drawInvoice(c: Canvas, doc: InvoiceDocument): void {
  const s = doc.seller;
  const credit = doc.kind === 'credit_note';
  const body: TextStyle = { font: 'regular', size: 9, color: INK };
  const small: TextStyle = { font: 'regular', size: 8, color: MUTED };
  const label: TextStyle = { font: 'bold', size: 7.5, color: MUTED };

  // Header band: seller on the left, document title and references on the right.
  c.rect(0, 0, PAGE.width, 6, ACCENT);
  let y = M + 10;
  c.text(sellerDisplayName(s), M, y, { font: 'bold', size: 15, color: INK });
  y += 16;
  if (s.address) {
    c.text(s.address.line1, M, y, body);
    y += 12;
    c.text(`${s.address.postalCode} ${s.address.city}${s.address.country !== 'FR' ? ` (${s.address.country})` : ''}`, M, y, body);
    y += 12;
  }
  for (const line of sellerLegalLines(doc)) {
    c.text(line, M, y, small);
    y += 11;
  }
  const sellerBottom = y;

  let ry = M + 12;
  c.text(credit ? 'AVOIR' : 'FACTURE', RIGHT, ry, { font: 'bold', size: 22, color: ACCENT, align: 'right' });
  ry += 20;
  c.text(`N° ${doc.number}`, RIGHT, ry, { font: 'bold', size: 11, color: INK, align: 'right' });
  ry += 15;
  c.text(`Date d'émission : ${dateFr(doc.issuedOn)}`, RIGHT, ry, { ...body, align: 'right' });
  ry += 12;
  if (!credit) {
    c.text(`Date d'échéance : ${dateFr(doc.dueOn)}`, RIGHT, ry, { ...body, align: 'right' });
    ry += 12;
  }

  // Client block, boxed on the right as envelope windows expect.
  y = Math.max(sellerBottom, ry) + 18;
  const boxX = PAGE.width / 2 + 10;
  const boxW = RIGHT - boxX;
  const buyerLines = [
    ...buyerAddressLines(doc).flatMap((l) => c.wrap(l, boxW - 20, body)),
    ...(doc.buyer.siren ? [`${doc.buyer.country === 'BE' ? 'N° d\'entreprise' : 'SIREN'} ${doc.buyer.siren}`] : []),
    ...(doc.buyer.vatNumber ? [`N° TVA : ${doc.buyer.vatNumber}`] : []),
  ];
  const boxH = 34 + buyerLines.length * 12;
  c.rect(boxX, y, boxW, boxH, SHADE);
  c.text(credit ? 'AVOIR ÉMIS AU BÉNÉFICE DE' : 'FACTURÉ À', boxX + 10, y + 14, label);
  c.text(doc.buyer.name, boxX + 10, y + 28, { font: 'bold', size: 10, color: INK });
  buyerLines.forEach((line, i) => c.text(line, boxX + 10, y + 41 + i * 12, body));

  // Left of the client box: what, when and the nature of the operation.
  let ly = y + 14;
  const leftW = boxX - M - 20;
  const period = servicePeriod(doc);
  if (credit && doc.cancels) {
    c.text('OBJET', M, ly, label);
    ly = c.paragraph(`Avoir annulant la facture n° ${doc.cancels.number} du ${dateFr(doc.cancels.issuedOn)}`, M, ly + 12, leftW, body) + 4;
  }
  if (doc.purchaseOrderRef) {
    c.text('VOTRE BON DE COMMANDE', M, ly, label);
    ly = c.paragraph(`N° ${doc.purchaseOrderRef}`, M, ly + 12, leftW, body) + 4;
  }
  if (period) {
    c.text('DATE DE LA PRESTATION', M, ly, label);
    ly = c.paragraph(period, M, ly + 12, leftW, body) + 4;
  }
  c.text("CATÉGORIE DE L'OPÉRATION", M, ly, label);
  ly = c.paragraph('Prestation de services', M, ly + 12, leftW, body) + 4;

  // Lines table.
  y = Math.max(y + boxH, ly) + 22;
  const cols = { label: M + 8, qty: 318, unit: 360, price: 430, vat: 468, amount: RIGHT - 8 };
  c.rect(M, y, RIGHT - M, 20, ACCENT);
  const head: TextStyle = { font: 'bold', size: 8, color: [1, 1, 1] };
  c.text('Désignation', cols.label, y + 13, head);
  c.text('Qté', cols.qty, y + 13, { ...head, align: 'right' });
  c.text('Unité', cols.unit - 30, y + 13, head);
  c.text('P.U. HT', cols.price, y + 13, { ...head, align: 'right' });
  c.text('TVA', cols.vat, y + 13, { ...head, align: 'right' });
  c.text('Montant HT', cols.amount, y + 13, { ...head, align: 'right' });
  y += 20;
  // Signs as in the XML: a price is never negative, a line taking money back has a negative quantity.
  for (const line of printedLines(doc)) {
    const wrapped = c.wrap(line.label, cols.qty - cols.label - 40, body);
    const h = 10 + wrapped.length * 12;
    wrapped.forEach((t, i) => c.text(t, cols.label, y + 14 + i * 12, body));
    c.text(quantityFr(line.quantity), cols.qty, y + 14, { ...body, align: 'right' });
    c.text(line.unit === 'day' ? (Math.abs(line.quantity) > 1 ? 'jours' : 'jour') : 'unité', cols.unit - 30, y + 14, body);
    c.text(euros(line.unitCents), cols.price, y + 14, { ...body, align: 'right' });
    c.text(line.category.code === 'S' ? formatRateFr(line.rateBps) : '–', cols.vat, y + 14, { ...body, align: 'right' });
    c.text(euros(line.amountCents), cols.amount, y + 14, { ...body, align: 'right' });
    y += h;
    c.line(M, y, RIGHT, y, RULE);
  }

  // Totals, right-aligned under the amounts.
  y += 16;
  const tx = 340;
  const row = (name: string, value: string, style: TextStyle = body) => {
    c.text(name, tx, y, style);
    c.text(value, RIGHT - 8, y, { ...style, align: 'right' });
    y += 14;
  };
  const totals = printedTotals(doc);
  row('Total HT', euros(totals.netCents));
  if (doc.vatMention) {
    row('TVA', euros(0));
  } else {
    for (const v of printedVat(doc)) {
      if (v.category.code === 'S') row(`TVA ${formatRateFr(v.rateBps)} sur ${euros(v.baseCents)}`, euros(v.vatCents));
      else row(`Débours hors TVA : ${euros(v.baseCents)}`, euros(0));
    }
  }
  c.rect(tx - 8, y - 9, RIGHT - tx + 8, 22, SHADE);
  y += 4;
  row(credit ? 'Total TTC crédité' : 'Total TTC', euros(totals.totalCents), { font: 'bold', size: 11, color: INK });
  if (!credit) row('Net à payer', euros(totals.totalCents), { font: 'bold', size: 9, color: ACCENT });
  if (doc.vatMention) {
    y += 2;
    y = c.paragraph(doc.vatMention, RIGHT - 8, y, RIGHT - M - 8, { font: 'bold', size: 8.5, color: INK, align: 'right' }, 11) + 3;
  }

  // Payment terms and the legal mentions on late payment.
  y += 16;
  c.line(M, y, RIGHT, y, RULE);
  y += 16;
  c.text(credit ? 'RÈGLEMENT' : 'CONDITIONS DE PAIEMENT', M, y, label);
  y += 13;
  const terms: string[] = credit
    ? [`Le montant de cet avoir vient en déduction de la facture n° ${doc.cancels?.number ?? ''}.`]
    : [paymentTermsMention(dateFr(doc.dueOn))];
  if (s.iban) terms.push(`IBAN : ${ibanFr(s.iban)}${s.bic ? `  ·  BIC : ${s.bic}` : ''}`);
  terms.push(NO_DISCOUNT_MENTION);
  terms.push(penaltiesText(doc));
  terms.push(INDEMNITY_TEXT);
  for (const t of terms) y = c.paragraph(t, M, y, RIGHT - M, body, 12.5) + 1;

  // Footer: identity again, and the e-invoice note.
  const fy = PAGE.height - M + 8;
  c.line(M, fy - 14, RIGHT, fy - 14, RULE);
  const footer = [sellerDisplayName(s), s.siret ? `SIRET ${siretFr(s.siret)}` : null, s.address ? `${s.address.line1}, ${s.address.postalCode} ${s.address.city}` : null]
    .filter(Boolean)
    .join(' · ');
  c.text(footer, PAGE.width / 2, fy, { ...small, size: 7, align: 'center' });
  c.text(`Facture électronique Factur-X (EN 16931) · ${doc.number} · page 1/1`, PAGE.width / 2, fy + 10, { ...small, size: 7, align: 'center' });
}
