import { and, desc, eq } from 'drizzle-orm';
import { isoDateOf } from '../../shared/dates';
import { clientLetter, dunningStepOn, type LetterLocale } from '../../shared/invoice/client-letter';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { invoices, invoiceSendings, missions, users } from '../db/schema';
import type { Deps } from '../deps';
import { newId } from '../http/crypto';
import { MailUnavailableError } from '../mail/unavailable';
import { renderInvoiceDocument } from './render-invoice-document';
import { failure, type Result } from './result';

export type SendInvoiceInput = {
  userId: string;
  invoiceId: string;
  /** The address the freelancer confirmed: it must still be the mission's `clientEmail`. */
  to: string;
  kind: 'invoice' | 'reminder';
  step?: 1 | 2 | 3;
  locale?: LetterLocale;
};

type SendingRow = typeof invoiceSendings.$inferSelect;

export const sendingView = (r: SendingRow) => ({
  id: r.id,
  invoiceId: r.invoiceId,
  kind: r.kind,
  step: r.step,
  to: r.toAddress,
  cc: r.ccAddress,
  subject: r.subject,
  locale: r.locale,
  status: r.status,
  sentAt: r.sentAt,
});
export type SendingView = ReturnType<typeof sendingView>;

/** French for clients in French-speaking countries, else English. */
const FRENCH_SPEAKING = new Set(['FR', 'BE', 'LU', 'MC', 'CH']);

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Emails an invoice (or a reminder about it) to the client, the freelancer in copy and as
 * the reply address, the invoice's PDF/A-3 Factur-X attached; records the sending whatever
 * the mail server said. Only invoices the freelancer issues go out from Relais: a portal or
 * a cooperative sends its own, and chases its own clients.
 */
export async function sendInvoice(deps: Deps, input: SendInvoiceInput): Promise<Result<{ sending: SendingView; delivered: boolean; error?: string }>> {
  const row = await deps.db.select().from(invoices).where(and(eq(invoices.id, input.invoiceId), eq(invoices.userId, input.userId))).get();
  if (!row) return failure(404, 'not_found', 'invoice not found');
  // `issuer` comes with the ledger's issuer model; before it, every stored invoice is the freelancer's own.
  const issuer = (row as { issuer?: string }).issuer ?? 'freelancer';
  if (issuer !== 'freelancer' || (row.kind !== 'invoice' && row.kind !== 'credit_note')) {
    return failure(409, 'not_freelancer_invoice', 'This invoice is issued by the portal or the cooperative, which sends it itself');
  }
  const kind = row.kind;
  // An invoice addressed to the portal (LittleBIG manual upload) goes to the portal, never to the end client.
  if ((JSON.parse(row.buyer) as { endClient?: string }).endClient) {
    return failure(409, 'billed_to_portal', 'This invoice is addressed to the portal: upload it there; the portal bills the client');
  }
  const mission = await deps.db.select().from(missions).where(and(eq(missions.id, row.missionId), eq(missions.userId, input.userId))).get();
  if (!mission?.clientEmail) return failure(422, 'client_email_missing', "The mission has no client email: set clientEmail on the mission", 'clientEmail');
  if (mission.clientEmail !== input.to) return failure(422, 'recipient_mismatch', "to must be the mission's clientEmail (it changed since it was shown?)", 'to');
  const today = isoDateOf(deps.now());
  let step: 1 | 2 | 3 | undefined;
  if (input.kind === 'reminder') {
    if (row.regime !== 'direct') return failure(409, 'reminder_not_applicable', 'The portal chases its own clients: reminders go only to direct clients');
    if (row.kind !== 'invoice' || row.status !== 'issued' || row.clientPaidOn) return failure(409, 'not_payable', `A ${row.status.replace('_', ' ')} is not reminded`);
    const reached = dunningStepOn(row.dueOn, today);
    if (reached === 0) return failure(409, 'not_overdue', `The invoice is due on ${row.dueOn}: no reminder before the day after`);
    if (input.step !== undefined && input.step > reached) return failure(409, 'reminder_not_due', `Step ${input.step} is not reached yet (step ${reached} today)`, 'step');
    step = input.step ?? reached;
  }
  const pdf = await renderInvoiceDocument(deps, { userId: input.userId, invoiceId: row.id, format: 'pdf' });
  if (!pdf.ok) return pdf;
  const user = (await deps.db.select({ email: users.email }).from(users).where(eq(users.id, input.userId)).get())!;
  let cancelsNumber: string | null = null;
  if (row.cancelsInvoiceId) {
    const c = await deps.db.select().from(invoices).where(and(eq(invoices.id, row.cancelsInvoiceId), eq(invoices.userId, input.userId))).get();
    if (c && (c.kind === 'invoice' || c.kind === 'credit_note')) cancelsNumber = formatInvoiceNumber(c.kind, c.year, c.sequence);
  }
  const seller = JSON.parse(row.seller) as { legalName?: string };
  const buyer = JSON.parse(row.buyer) as { name?: string; country?: string };
  const locale = input.locale ?? (FRENCH_SPEAKING.has(buyer.country ?? 'FR') ? 'fr' : 'en');
  const letter = clientLetter({
    kind: input.kind,
    step,
    today,
    locale,
    invoice: {
      kind, number: formatInvoiceNumber(kind, row.year, row.sequence), issuedOn: row.issuedOn, dueOn: row.dueOn,
      serviceMonth: row.serviceMonth, totalCents: row.totalCents, penaltyRateBps: row.penaltyRateBps,
      sellerName: seller.legalName ?? '', buyerName: buyer.name ?? mission.clientName, cancelsNumber,
    },
  });
  let messageId: string | null = null;
  let error: string | null = null;
  try {
    messageId = (await deps.mailer.send({
      to: input.to, cc: user.email, replyTo: user.email, subject: letter.subject, text: letter.text,
      attachments: [{ filename: pdf.value.fileName, contentType: 'application/pdf', contentBase64: base64Of(pdf.value.bytes) }],
    })).id;
  } catch (err) {
    if (err instanceof MailUnavailableError) return failure(503, 'mail_unavailable', 'This deployment cannot send email yet');
    error = err instanceof Error ? err.message : String(err);
    deps.log('invoice mail failed', { invoiceId: row.id, error });
  }
  const sending: SendingRow = {
    id: newId(), userId: input.userId, invoiceId: row.id, kind: input.kind, step: step ?? null, toAddress: input.to, ccAddress: user.email,
    subject: letter.subject, locale, status: error ? 'failed' : 'sent', messageId, error, sentAt: deps.now().toISOString(),
  };
  await deps.db.insert(invoiceSendings).values(sending);
  return { ok: true, value: { sending: sendingView(sending), delivered: !error, ...(error ? { error } : {}) } };
}

/** The sendings of one of the user's invoices, newest first (404 for another user's invoice). */
export async function listSendings(deps: Deps, userId: string, invoiceId: string): Promise<Result<SendingView[]>> {
  const row = await deps.db.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.id, invoiceId), eq(invoices.userId, userId))).get();
  if (!row) return failure(404, 'not_found', 'invoice not found');
  const rows = await deps.db.select().from(invoiceSendings)
    .where(and(eq(invoiceSendings.userId, userId), eq(invoiceSendings.invoiceId, invoiceId))).orderBy(desc(invoiceSendings.sentAt)).all();
  return { ok: true, value: rows.map(sendingView) };
}
