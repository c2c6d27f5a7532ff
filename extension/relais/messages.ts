import type { SyncError } from '../lib/model';

/**
 * Messages from the Relais page to the background (which alone holds the token). Each
 * names its request and its answer; every API call answers `RelaisResult`: the value, or
 * the API's refusal (code, status, field issues) for the page to word in the user's language.
 * Only the extension's own pages may send them (background-handlers.ts checks the sender).
 */
export type RelaisResult<T> = { ok: true; value: T } | { ok: false; error: SyncError };

/** A downloaded document, base64 so it can cross the message channel. */
export type FileAnswer = { base64: string; filename: string; contentType: string };
export type InvoiceFormat = 'pdf' | 'xml' | 'ubl';
export type CsvDialect = 'rfc4180' | 'excel-fr';
export type Json = Record<string, any>;

export type RelaisRequests = {
  'relais.missions': { req: {}; res: Json[] };
  'relais.cra.get': { req: { missionId: string; month: string }; res: Json };
  'relais.cra.validate': { req: { missionId: string; month: string; validatedOn: string; acknowledgeVatThreshold?: boolean }; res: Json };
  'relais.cra.refuse': { req: { missionId: string; month: string; reason: string }; res: Json };
  /** One page of the year's invoices (`nextCursor` null at the end; absent is read as null). */
  'relais.invoices.list': { req: { year: number; status?: string; cursor?: string | null; limit?: number }; res: { invoices: Json[]; nextCursor: string | null } };
  'relais.invoices.get': { req: { id: string }; res: Json };
  'relais.invoices.paid': { req: { id: string; paidOn: string; amountCents?: number }; res: Json };
  'relais.invoices.cancel': { req: { id: string }; res: { invoice: Json; creditNote: Json } };
  'relais.invoices.file': { req: { id: string; format: InvoiceFormat }; res: FileAnswer };
  'relais.invoices.send': { req: { id: string; to: string; kind: 'invoice' | 'reminder'; step?: 1 | 2 | 3; locale?: 'fr' | 'en' }; res: { sending: Json } };
  'relais.invoices.sendings': { req: { id: string }; res: { sendings: Json[] } };
  'relais.profile': { req: {}; res: Json };
  'relais.documents.list': { req: {}; res: { documents: Json[] } };
  'relais.documents.add': { req: { body: Json }; res: Json };
  'relais.documents.update': { req: { id: string; body: Json }; res: Json };
  'relais.documents.file': { req: { id: string }; res: FileAnswer };
  'relais.webhooks.list': { req: {}; res: { webhooks: Json[]; eventTypes?: string[] } };
  'relais.webhooks.add': { req: { url: string; events: string[]; description?: string }; res: Json };
  'relais.webhooks.update': { req: { id: string; body: Json }; res: Json };
  'relais.webhooks.test': { req: { id: string }; res: Json };
  'relais.webhooks.deliveries': { req: { id: string }; res: { deliveries: Json[] } };
  'relais.webhooks.remove': { req: { id: string }; res: null };
  'relais.tokens.list': { req: {}; res: { tokens: Json[] } };
  'relais.tokens.add': { req: { name: string }; res: Json };
  'relais.tokens.revoke': { req: { id: string }; res: null };
  'relais.exports.csv': { req: { year: number; dialect: CsvDialect }; res: FileAnswer };
  'relais.exports.calendar': { req: {}; res: { url: string } };
};

export type RelaisType = keyof RelaisRequests;
export const isRelaisType = (t: unknown): t is RelaisType => typeof t === 'string' && t.startsWith('relais.');

type Send = (message: unknown) => Promise<unknown>;

/**
 * Asks the background; answers the API's result, or an extension-side failure (no answer,
 * not signed in) in the same shape, so the page words every failure the same way.
 */
export async function askRelais<T extends RelaisType>(send: Send, type: T, req: RelaisRequests[T]['req']): Promise<RelaisResult<RelaisRequests[T]['res']>> {
  try {
    const reply = (await send({ type, ...req })) as RelaisResult<RelaisRequests[T]['res']> | undefined;
    return reply ?? { ok: false, error: { status: 0, code: 'no_answer', message: 'The background did not answer' } };
  } catch (err) {
    return { ok: false, error: { status: 0, code: 'no_answer', message: err instanceof Error ? err.message : String(err) } };
  }
}
