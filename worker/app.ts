import { Hono } from './http/hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './deps';
import { requireAuth } from './http/auth';
import { cors } from './http/cors';
import { errorBody } from './http/errors';
import { idempotency } from './http/idempotency';
import { auth } from './routes/auth';
import { craRoutes } from './routes/cras';
import { dashboardRoutes } from './routes/dashboard';
import { documentRoutes } from './routes/documents';
import { invoiceRoutes } from './routes/invoices';
import { invoiceDocumentRoutes } from './routes/invoice-documents';
import { invoiceSendingRoutes } from './routes/invoice-sendings';
import { calendarFeedRoutes, exportRoutes } from './routes/exports';
import { missionRoutes } from './routes/missions';
import { ledgerRoutes } from './routes/ledger';
import { portalRoutes } from './routes/portals';
import { profileRoutes } from './routes/profile';
import { simulateRoutes } from './routes/simulate';
import { syncRoutes } from './routes/sync';
import { tokenRoutes } from './routes/tokens';
import { docsRoutes } from './routes/docs';
import { notificationRoutes, unsubscribeRoutes } from './routes/notifications';
import { webhookRoutes } from './routes/webhooks';
import { MailUnavailableError } from './mail/unavailable';

/** Routes that need a signed-in user: bearer auth, then idempotent writes. */
const secured = new Hono<AppEnv>()
  .use(requireAuth, idempotency)
  .route('/tokens', tokenRoutes)
  .route('/profile', profileRoutes)
  .route('/documents', documentRoutes)
  .route('/missions', missionRoutes)
  .route('/missions', craRoutes)
  .route('/invoices', invoiceRoutes)
  .route('/invoices', invoiceDocumentRoutes)
  .route('/invoices', invoiceSendingRoutes)
  .route('/exports', exportRoutes)
  .route('/dashboard', dashboardRoutes)
  .route('/sync', syncRoutes)
  .route('/portals', portalRoutes)
  .route('/ledger', ledgerRoutes)
  .route('/webhooks', webhookRoutes)
  .route('/notifications', notificationRoutes);

/**
 * The Relais API. The same app runs on Node (worker/node.ts, embedded libSQL file) and
 * on Cloudflare Workers (worker/index.ts, Turso); each entry point hands it its `deps`.
 */
export const app = new Hono<AppEnv>()
  .use('*', cors)
  .use('/v1/*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(errorBody('payload_too_large', 'The body is larger than 1 MB'), 413) }))
  .get('/health', (c) => c.json({ ok: true }, 200))
  .route('/v1/auth', auth)
  .route('/v1/simulate', simulateRoutes)
  .route('/v1/unsubscribe', unsubscribeRoutes)
  .route('/', docsRoutes)
  .route('/', calendarFeedRoutes)
  .route('/v1', secured);

app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404));

app.onError((err, c) => {
  if (err instanceof HTTPException) {
    const status = err.status;
    const malformed = status === 400;
    return c.json(errorBody(malformed ? 'malformed_request' : `http_${status}`, malformed ? `The request is malformed: ${err.message}` : err.message), status);
  }
  if (err instanceof MailUnavailableError) return c.json(errorBody('mail_unavailable', 'This deployment cannot send email yet; sign-in codes cannot be delivered'), 503);
  c.env?.deps?.log('unhandled error', { method: c.req.method, path: c.req.path, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  return c.json(errorBody('internal_error', 'Something went wrong on our side; nothing was half-saved. Try again.'), 500);
});

export type AppType = typeof app;
