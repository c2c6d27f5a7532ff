import { INDEMNITY_MENTION, NO_DISCOUNT_MENTION, penaltyRateMention } from '../../shared/invoice/mentions';
import type { InvoiceDocument } from './types';

/** UNTDID 4451 subject codes the French rules ask for (BR-FR-05): one legal mention per note. */
export type NoteSubject = 'TXD' | 'PMD' | 'PMT' | 'AAB' | 'AAI';
export type DocumentNote = { subject: NoteSubject; text: string };

/** The penalty mention with when it runs and its legal basis, as printed and as the PMD note. */
export const penaltiesText = (doc: InvoiceDocument) =>
  `${penaltyRateMention(doc.penaltyRateBps)}, exigibles dès le lendemain de la date d'échéance (art. L441-10 du Code de commerce).`;
export const INDEMNITY_TEXT = `${INDEMNITY_MENTION} (art. D441-5 du Code de commerce).`;

/**
 * The document-level notes, the same in CII (IncludedNote with its SubjectCode) and UBL
 * (cbc:Note, the subject code written `#PMD#` first, as the French CIUS reads it):
 * the VAT mention (TXD), late-payment penalties (PMD), the 40 € recovery indemnity (PMT),
 * the discount terms (AAB) and the category of operation (AAI).
 */
export function documentNotes(doc: InvoiceDocument): DocumentNote[] {
  return [
    ...(doc.vatMention ? [{ subject: 'TXD' as const, text: doc.vatMention }] : []),
    { subject: 'PMD', text: penaltiesText(doc) },
    { subject: 'PMT', text: INDEMNITY_TEXT },
    { subject: 'AAB', text: `${NO_DISCOUNT_MENTION}.` },
    { subject: 'AAI', text: 'Prestation de services' },
  ];
}
