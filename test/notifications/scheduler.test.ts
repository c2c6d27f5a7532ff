import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduler } from '../../worker/notifications/scheduler';
import { createMission, issueInvoice } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';
import { startSmtpSink } from './support';

/**
 * Walks two months day by day with the injected clock, running the scheduler each morning
 * (twice in a row and twice at once), and checks exactly which mails go out on which day:
 * CRA reminders on the last 3 working days, the payout the day before and the day of,
 * dunning at D+1 / D+8 / D+15 with the amounts and penalties, the document one month
 * before it expires, the purchase order at 80 % — each once.
 */
describe('scheduler walking October and November 2026', () => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const email = 'walk@relais.test';
  const sent: { day: string; mail: ParsedMail }[] = [];
  let lbInvoice: { number: string; payoutCents: number; payoutEarliest: string; payoutLatest: string };
  let directInvoice: { number: string; totalCents: number; dueOn: string };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    api = await createTestApi({ start: '2026-09-30T07:00:00Z', smtpUrl: smtp.url, readCode: smtp.code });
    const token = await api.signIn(email);
    expect((await api.request('PUT', '/v1/profile', { token, body: { legalName: 'Camille Martin', legalForm: 'ei', vatRegime: 'franchise', siret: '73282932000074', address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' } } })).status).toBe(200);
    const lb = await createMission(api, token, { clientName: 'ACME SA', budgetDays: 25 });
    const direct = await createMission(api, token, { portal: 'direct', plan: 'direct', clientName: 'Boulangerie Dupont', clientTermsDays: 30, budgetDays: 1000 });
    // September for the direct client, validated 1 October: due 31 October.
    const d = await issueInvoice(api, token, direct, '2026-09', { '2026-09-28': 1, '2026-09-29': 1, '2026-09-30': 1 }, '2026-10-01');
    directInvoice = { number: d.number, totalCents: d.totalCents, dueOn: d.dueOn };
    expect(directInvoice.dueOn).toBe('2026-10-31');
    // A certificate expiring 20 November: reminded on 21 October.
    expect((await api.request('POST', '/v1/documents', { token, body: { kind: 'tax_certificate', label: 'Attestation URSSAF', expiresOn: '2026-11-20' } })).status).toBe(201);
    // October days captured on the portal mission, 21 of the 25-day budget (84 %): not submitted.
    const october: Record<string, number> = {};
    for (let day = 1; day <= 31; day++) {
      const date = `2026-10-${String(day).padStart(2, '0')}`;
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6 && Object.keys(october).length < 21) october[date] = 1;
    }
    expect((await api.request('PUT', `/v1/missions/${lb}/cras/2026-10`, { token, body: { days: october, lines: [] } })).status).toBe(200);
    smtp.messages.length = 0; // forget the sign-in code and the September invoice mails' absence

    for (let t = Date.parse('2026-10-01T07:00:00Z'); t <= Date.parse('2026-11-30T07:00:00Z'); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      api.clock.set(new Date(t).toISOString());
      if (day === '2026-11-02') {
        const submitted = await api.request('POST', `/v1/missions/${lb}/cras/2026-10/submit`, { token });
        expect(submitted.status).toBe(200);
        const validated = await api.request('POST', `/v1/missions/${lb}/cras/2026-10/validate`, { token, body: { validatedOn: day } });
        expect(validated.status, validated.text).toBe(201);
        lbInvoice = validated.json.invoice;
      }
      const before = smtp.messages.length;
      await runScheduler(api.deps);
      await Promise.all([runScheduler(api.deps), runScheduler(api.deps)]);
      for (const mail of smtp.messages.slice(before)) sent.push({ day, mail });
    }
  }, 120_000);
  afterAll(async () => {
    api.close();
    await smtp.close();
  });

  const daysOf = (subject: RegExp) => sent.filter((s) => subject.test(s.mail.subject ?? '')).map((s) => s.day);

  it('reminds to submit the CRA on the last 3 working days of October, per mission not submitted', () => {
    expect(daysOf(/CRA octobre 2026 à soumettre — ACME SA/)).toEqual(['2026-10-28', '2026-10-29', '2026-10-30']);
    expect(daysOf(/CRA octobre 2026 à soumettre — Boulangerie Dupont/)).toEqual(['2026-10-28', '2026-10-29', '2026-10-30']);
    // November: the portal mission's CRA is empty too.
    expect(daysOf(/CRA novembre 2026 à soumettre — ACME SA/)).toEqual(['2026-11-26', '2026-11-27', '2026-11-30']);
  });

  it('tells about the validation with the payout amount and date, then the day before and the day of the payout', () => {
    const validated = sent.filter((s) => /CRA octobre 2026 validé — ACME SA/.test(s.mail.subject ?? ''));
    expect(validated.map((s) => s.day)).toEqual(['2026-11-02']);
    const amount = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(lbInvoice.payoutCents / 100);
    expect(validated[0]!.mail.text).toContain(amount);
    const payoutDay = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${lbInvoice.payoutLatest}T00:00:00Z`));
    expect(validated[0]!.mail.text).toContain(payoutDay);
    expect(validated[0]!.mail.to && !Array.isArray(validated[0]!.mail.to) ? validated[0]!.mail.to.text : '').toBe(email);

    const dayBefore = new Date(Date.parse(`${lbInvoice.payoutEarliest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    // LittleBIG Connection issues this month's invoice under its mandate: Relais's document is the expected one, with no number of its own.
    expect(lbInvoice.number).toBeNull();
    const aboutLb = (subject: RegExp) => sent.filter((s) => subject.test(s.mail.subject ?? '') && (s.mail.text ?? '').includes('ACME SA')).map((s) => s.day);
    expect(aboutLb(/^Versement attendu demain/)).toEqual([dayBefore]);
    expect(aboutLb(/^Versement dû aujourd'hui/)).toEqual([lbInvoice.payoutLatest]);
    // Never paid in this walk: late from the day after, once.
    const dayAfter = new Date(Date.parse(`${lbInvoice.payoutLatest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(aboutLb(/^Versement en retard/)).toEqual([dayAfter]);
    // No invoice of the freelancer's is announced for it: the portal issues it.
    expect(sent.filter((s) => /^Facture .* émis/.test(s.mail.subject ?? '') && (s.mail.text ?? '').includes('ACME SA'))).toEqual([]);
  });

  it('dunns the direct client at D+1, D+8 and D+15 with the amount and penalties to date', () => {
    expect(daysOf(new RegExp(`Relance 1 : facture ${directInvoice.number}`))).toEqual(['2026-11-01']);
    expect(daysOf(new RegExp(`Relance 2 : facture ${directInvoice.number}`))).toEqual(['2026-11-08']);
    const notice = sent.filter((s) => new RegExp(`Mise en demeure à envoyer : facture ${directInvoice.number}`).test(s.mail.subject ?? ''));
    expect(notice.map((s) => s.day)).toEqual(['2026-11-15']);
    const text = notice[0]!.mail.text ?? '';
    // 15 days late at 10 % a year on the amount including VAT, plus the 40 € indemnity.
    const interest = Math.round((directInvoice.totalCents * 1000 * 15) / (10_000 * 365));
    const fmt = (c: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(c / 100);
    expect(text).toContain('Objet : Mise en demeure de payer');
    expect(text).toContain(fmt(directInvoice.totalCents));
    expect(text).toContain(fmt(interest));
    expect(text).toContain(fmt(4000));
    expect(text).toContain(fmt(directInvoice.totalCents + interest + 4000));
    // The portal's own invoice is never dunned by Relais.
    expect(daysOf(new RegExp(`Relance \\d : facture ${lbInvoice.number}`))).toEqual([]);
  });

  it('reminds about the document a month before, and the purchase order at 80 %, once each', () => {
    expect(daysOf(/^Document à renouveler : Attestation URSSAF/)).toEqual(['2026-10-21']);
    expect(daysOf(/^Bon de commande consommé à 84 % — ACME SA/)).toEqual(['2026-10-01']);
  });

  it('sends nothing twice although the scheduler ran three times a day, twice at once', () => {
    const keys = sent.map((s) => `${s.day} ${s.mail.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Every notification mail carries the one-click unsubscribe (RFC 8058) for its event type.
    for (const s of sent) {
      const list = s.mail.headers.get('list') as { unsubscribe?: { url?: string } } | undefined;
      expect(list?.unsubscribe?.url, s.mail.subject).toMatch(/\/v1\/unsubscribe\/rlk_\d+\.[\w-]+\.[\w-]{22}\?type=[a-z._]+$/);
      expect(s.mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    }
  });
});
