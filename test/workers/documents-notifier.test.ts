import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInvoice } from '../documents/bench-pdf';
import { startSmtpSink } from '../notifications/support';
import { startWranglerDev } from './wrangler-dev';

/**
 * The two other Workers in local workerd (`wrangler dev`), as they would run on Cloudflare:
 * the documents Worker renders a Factur-X PDF (pdf-lib and node-zugferd under workerd), and
 * the notifier Worker speaks SMTP over `connect()` (worker-mailer) to a real SMTP server.
 */
let documents: Awaited<ReturnType<typeof startWranglerDev>>;
let notifier: Awaited<ReturnType<typeof startWranglerDev>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  [documents, notifier] = await Promise.all([
    startWranglerDev({ config: 'wrangler.documents.toml', probe: async (b) => (await fetch(`${b}/`)).status === 404 }),
    startWranglerDev({
      config: 'wrangler.notifier.toml',
      vars: { TURSO_DATABASE_URL: 'http://127.0.0.1:9', SMTP_URL: `smtp://relais:s3cret@127.0.0.1:${smtp.port}`, MAIL_FROM: 'Relais <no-reply@relais.test>' },
      probe: async (b) => (await fetch(`${b}/`)).status === 404,
    }),
  ]);
}, 150_000);

afterAll(async () => {
  await Promise.all([documents?.stop(), notifier?.stop()]);
  await smtp?.close();
});

describe('the documents Worker in workerd', () => {
  it('renders the invoice as a Factur-X PDF whose text and attachment are right', async () => {
    const res = await fetch(`${documents.base}/render/pdf`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sampleInvoice) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'relais-workerd-pdf-'));
    try {
      writeFileSync(join(dir, 'invoice.pdf'), bytes);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'invoice.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(sampleInvoice.number);
      expect(text).toMatch(/indemnité forfaitaire pour frais de recouvrement/i);
      expect(execFileSync('pdfdetach', ['-list', join(dir, 'invoice.pdf')], { encoding: 'utf8' })).toContain('factur-x.xml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the CII XML with the EN 16931 guideline', async () => {
    const res = await fetch(`${documents.base}/render/cii`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sampleInvoice) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('urn:cen.eu:en16931:2017');
  });
});

describe('the notifier Worker in workerd', () => {
  it('sends a mail over SMTP with worker-mailer, one-click unsubscribe headers included', async () => {
    const mail = { to: 'camille@relais.test', subject: 'Versement attendu demain : 4 280,00 €', text: 'Bonjour,\n\nLe versement…', html: '<p>Bonjour,</p>', unsubscribeUrl: 'https://relais.example/v1/unsubscribe/rls_x?type=payout.expected_tomorrow' };
    const res = await fetch(`${notifier.base}/mail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(mail) });
    expect(res.status, await res.clone().text()).toBe(200);
    const [got] = smtp.find('camille@relais.test', /^Versement attendu demain/);
    expect(got?.subject).toBe(mail.subject);
    expect(got?.text).toContain('Le versement');
    expect((got?.headers.get('list') as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url).toBe(mail.unsubscribeUrl);
    expect(smtp.logins).toContain('relais'); // it signed in with the URL's credentials
  });

  it('refuses a malformed mail without sending anything', async () => {
    const before = smtp.messages.length;
    const res = await fetch(`${notifier.base}/mail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: 'not an address' }) });
    expect(res.status).toBe(422);
    expect(smtp.messages.length).toBe(before);
  });
});
