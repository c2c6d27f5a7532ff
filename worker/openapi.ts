import type { GenericSchema } from 'valibot';
import { CraBody } from '../shared/cra/schemas';
import { MissionCreateBody, MissionPatchBody, RenewalBody, SimulatePayoutBody } from '../shared/schemas/mission';
import { ProfileBody } from '../shared/schemas/profile';
import { PortalInvoiceBody, SettleConflictBody, UploadBody } from '../shared/schemas/ledger';
import { NotificationSettingsBody } from '../shared/notifications/events';
import { InvoiceSendBody } from '../shared/schemas/invoice-sending';

export type Op = { method: string; path: string; summary: string; body?: GenericSchema; public?: boolean };

/** The public contract, operation by operation; bodies come from the valibot schemas the routes validate with. */
export const OPERATIONS: Op[] = [
  { method: 'post', path: '/v1/auth/code', summary: 'Email a 6-digit sign-in code (10 minutes, 5 tries, single use; 429 + Retry-After past the limits)', public: true },
  { method: 'post', path: '/v1/auth/token', summary: 'Exchange the emailed code for a bearer token (429 + Retry-After past the limits)', public: true },
  { method: 'post', path: '/v1/auth/logout', summary: 'Revoke the bearer token this request is sent with' },
  { method: 'get', path: '/v1/tokens', summary: 'List active tokens' },
  { method: 'post', path: '/v1/tokens', summary: 'Create a personal access token (shown once; scope read|write, optional expiresOn; sessions only)' },
  { method: 'delete', path: '/v1/tokens/{id}', summary: 'Revoke a token' },
  { method: 'get', path: '/v1/profile', summary: 'Read the seller profile' },
  { method: 'put', path: '/v1/profile', summary: 'Replace the seller profile (SIRET, IBAN, BIC checked)', body: ProfileBody },
  { method: 'get', path: '/v1/documents', summary: 'List legal documents with their expiry dates' },
  { method: 'post', path: '/v1/documents', summary: 'Add a legal document' },
  { method: 'get', path: '/v1/documents/{id}', summary: 'Read a legal document' },
  { method: 'get', path: '/v1/documents/{id}/file', summary: "The document's file (PDF, PNG or JPEG), as it was added" },
  { method: 'patch', path: '/v1/documents/{id}', summary: 'Update a legal document' },
  { method: 'delete', path: '/v1/documents/{id}', summary: 'Delete a legal document' },
  { method: 'get', path: '/v1/missions', summary: 'List missions with their purchase orders and budget consumption' },
  { method: 'post', path: '/v1/missions', summary: 'Create a mission and its first purchase order (422 plan_not_available)', body: MissionCreateBody },
  { method: 'get', path: '/v1/missions/{id}', summary: 'Read a mission' },
  { method: 'patch', path: '/v1/missions/{id}', summary: 'Edit a mission (rate and plan: 409 once running; use a renewal)', body: MissionPatchBody },
  { method: 'post', path: '/v1/missions/{id}/renewals', summary: 'Renew: a new purchase order, which may change rate and plan', body: RenewalBody },
  { method: 'get', path: '/v1/missions/{id}/cras/{month}', summary: "Read a month's CRA with totals and forecast (ETag = revision)" },
  { method: 'put', path: '/v1/missions/{id}/cras/{month}', summary: "Replace a month's days and lines (If-Match; 412 when stale)", body: CraBody },
  { method: 'post', path: '/v1/missions/{id}/cras/{month}/submit', summary: 'Submit the CRA to the client' },
  { method: 'post', path: '/v1/missions/{id}/cras/{month}/refuse', summary: 'Record the client refusal, with the reason' },
  { method: 'post', path: '/v1/missions/{id}/cras/{month}/validate', summary: 'Record the validation: issues the invoice (gapless number) and payout forecast atomically' },
  { method: 'get', path: '/v1/invoices', summary: 'List invoices and credit notes (penalties to date when overdue)' },
  { method: 'get', path: '/v1/invoices/{id}', summary: 'Read an invoice' },
  { method: 'post', path: '/v1/invoices/{id}/paid', summary: 'Mark an invoice paid' },
  { method: 'post', path: '/v1/invoices/{id}/client-paid', summary: "Record the client's payment (narrows a back-to-back forecast)" },
  { method: 'post', path: '/v1/invoices/{id}/upload-validated', summary: 'Manual upload mode: the portal validated the uploaded invoice; the payout clock starts' },
  { method: 'post', path: '/v1/invoices/{id}/cancel', summary: 'Cancel by a credit note (AV-YYYY-NNNN)' },
  { method: 'post', path: '/v1/invoices/{id}/upload', summary: 'Manual upload mode: the invoice was uploaded to the portal (date, PDF size for its checklist)', body: UploadBody },
  { method: 'post', path: '/v1/invoices/{id}/portal-invoice', summary: "Enter the portal's invoice by hand (matched to the expected one; differences flagged)", body: PortalInvoiceBody },
  { method: 'get', path: '/v1/ledger/conflicts', summary: 'What a portal showed that differs from what the user entered' },
  { method: 'post', path: '/v1/ledger/conflicts/{id}/settle', summary: "Settle a conflict: keep the user's value or take the portal's", body: SettleConflictBody },
  { method: 'get', path: '/v1/dashboard', summary: 'Everything the popup shows, in one request' },
  { method: 'get', path: '/v1/sync', summary: 'Changes since a cursor, for the offline-first extension' },
  { method: 'get', path: '/v1/invoices/{id}/pdf', summary: 'The invoice or credit note as a PDF/A-3 Factur-X file (EN 16931 CII embedded as factur-x.xml)' },
  { method: 'get', path: '/v1/invoices/{id}/xml', summary: 'The EN 16931 CII XML' },
  { method: 'get', path: '/v1/invoices/{id}/ubl', summary: 'UBL 2.1, Peppol BIS Billing 3.0 (Belgian clients)' },
  { method: 'post', path: '/v1/invoices/{id}/send', summary: "Email the invoice or a reminder to the mission's clientEmail (PDF attached, the freelancer in copy)", body: InvoiceSendBody },
  { method: 'get', path: '/v1/invoices/{id}/sendings', summary: 'Every email of this invoice sent to the client' },
  { method: 'get', path: '/v1/exports/invoices.csv', summary: "The year's invoices and credit notes for the accountant (?year=YYYY)" },
  { method: 'post', path: '/v1/exports/calendar', summary: 'A new secret ICS feed URL of expected payouts (replaces the old one)' },
  { method: 'get', path: '/calendar/{file}', summary: 'The ICS feed itself, found by its secret token', public: true },
  { method: 'post', path: '/v1/webhooks', summary: 'Register a webhook endpoint; its whsec_ secret is shown once' },
  { method: 'get', path: '/v1/webhooks', summary: 'List webhook endpoints' },
  { method: 'get', path: '/v1/webhooks/{id}', summary: 'Read a webhook endpoint' },
  { method: 'patch', path: '/v1/webhooks/{id}', summary: 'Change URL, events, description, or enable/disable' },
  { method: 'delete', path: '/v1/webhooks/{id}', summary: 'Delete a webhook endpoint and its log' },
  { method: 'post', path: '/v1/webhooks/{id}/test', summary: 'Send a ping now' },
  { method: 'get', path: '/v1/webhooks/{id}/deliveries', summary: 'The delivery log, each attempt with its status' },
  { method: 'get', path: '/v1/notifications/settings', summary: 'Event types and the ones opted out of email' },
  { method: 'put', path: '/v1/notifications/settings', summary: 'Choose the event types not wanted by email', body: NotificationSettingsBody },
  { method: 'get', path: '/v1/unsubscribe/{token}', summary: 'One-click unsubscribe page (a button; GET changes nothing)', public: true },
  { method: 'post', path: '/v1/unsubscribe/{token}', summary: 'One-click unsubscribe (RFC 8058), ?type= one event type or all', public: true },
  { method: 'post', path: '/v1/portals/reports', summary: 'Report a portal page that no longer matches the extension (no page content)' },
  { method: 'get', path: '/v1/portals/reports', summary: "List the user's portal breakage reports" },
  { method: 'post', path: '/v1/portals/observations', summary: 'Record what an overlay read on a portal page (budget consumed, payment date…)' },
  { method: 'post', path: '/v1/simulate/payout', summary: 'The payout calculator: compare plans before choosing one', body: SimulatePayoutBody, public: true },
];

/** An operation's key in worker/openapi-bodies.generated.ts: `PUT /v1/profile`. */
export const operationKey = (op: Pick<Op, 'method' | 'path'>) => `${op.method.toUpperCase()} ${op.path}`;

/**
 * The OpenAPI 3.1 document, each request body's JSON Schema given by `bodySchema`. The API
 * serves it with the bodies converted at build time (worker/routes/docs.ts); the test
 * worker/openapi.test.ts builds it with `@valibot/to-json-schema` itself and compares.
 */
export function buildOpenApiDocument(bodySchema: (op: Op & { body: GenericSchema }) => unknown) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(op.public ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(op as Op & { body: GenericSchema }) } } } } : {}),
      responses: {
        '200': { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Relais API', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } } } } },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
