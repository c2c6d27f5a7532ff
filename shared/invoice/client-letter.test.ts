import { describe, expect, it } from 'vitest';
import { clientLetter, dunningStepOn, type LetterInvoice } from './client-letter';

const invoice: LetterInvoice = {
  kind: 'invoice', number: '2026-0007', issuedOn: '2026-11-02', dueOn: '2026-12-02', serviceMonth: '2026-10',
  totalCents: 1_200_000, penaltyRateBps: 1000, sellerName: 'Camille Martin EI', buyerName: 'ACME SA',
};

describe('client letters', () => {
  it('finds the dunning step from the days late: none on the due date, then D+1, D+8, D+15', () => {
    expect(dunningStepOn('2026-12-02', '2026-12-02')).toBe(0);
    expect(dunningStepOn('2026-12-02', '2026-12-03')).toBe(1);
    expect(dunningStepOn('2026-12-02', '2026-12-09')).toBe(1);
    expect(dunningStepOn('2026-12-02', '2026-12-10')).toBe(2);
    expect(dunningStepOn('2026-12-02', '2026-12-17')).toBe(3);
    expect(dunningStepOn('2026-12-02', '2027-03-01')).toBe(3);
  });

  it('sends the invoice with its amount, period and due date, signed by the freelancer', () => {
    const fr = clientLetter({ kind: 'invoice', invoice, today: '2026-11-02', locale: 'fr' });
    expect(fr.subject).toBe('Facture 2026-0007 — Camille Martin EI');
    expect(fr.text).toContain("facture 2026-0007 du 2 novembre 2026 (prestations d'octobre 2026)");
    expect(fr.text).toContain('12\u202f000,00\u00a0€');
    expect(fr.text).toContain('au plus tard le 2 décembre 2026');
    expect(fr.text.trim().endsWith('Camille Martin EI')).toBe(true);
    const en = clientLetter({ kind: 'invoice', invoice, today: '2026-11-02', locale: 'en' });
    expect(en.text).toContain('payable by 2 December 2026');
  });

  it('words a credit note as one, negative, naming the invoice it cancels', () => {
    const note = clientLetter({ kind: 'invoice', invoice: { ...invoice, kind: 'credit_note', number: 'AV-2026-0001', totalCents: -1_200_000, cancelsNumber: '2026-0007' }, today: '2026-11-03', locale: 'fr' });
    expect(note.subject).toBe('Avoir AV-2026-0001 — Camille Martin EI');
    expect(note.text).toContain('qui annule la facture 2026-0007');
    expect(note.text).toContain('-12\u202f000,00\u00a0€');
  });

  it('escalates: courteous, then the penalties to date, then the formal notice with the amount due', () => {
    const first = clientLetter({ kind: 'reminder', invoice, today: '2026-12-03', locale: 'fr' });
    expect(first.subject).toBe('Rappel : facture 2026-0007');
    expect(first.text).not.toContain('pénalités');
    const second = clientLetter({ kind: 'reminder', invoice, today: '2026-12-10', locale: 'fr' });
    expect(second.subject).toBe('Deuxième relance : facture 2026-0007');
    // 8 days at max(10 %, 3 × 2.62 %) = 10 % of 12 000 € over 365 days: 26,30 €, plus 40 €.
    expect(second.text).toContain('26,30\u00a0€');
    expect(second.text).toContain('40,00\u00a0€');
    const notice = clientLetter({ kind: 'reminder', invoice, today: '2026-12-17', locale: 'en' });
    expect(notice.subject).toBe('Formal notice to pay invoice 2026-0007');
    // 15 days: 49,32 € interest; 12 000 + 49,32 + 40 = 12 089,32 €.
    expect(notice.text).toContain('€12,089.32');
    // An earlier step can be chosen explicitly.
    expect(clientLetter({ kind: 'reminder', step: 1, invoice, today: '2026-12-17', locale: 'fr' }).subject).toBe('Rappel : facture 2026-0007');
  });
});
