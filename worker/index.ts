import { app } from './app';
import { bindingDocumentsRenderer } from './documents/binding-renderer';
import { unavailableMailer } from './mail/unavailable';
import { checkEnv, notifierMailer, workersDeps } from './workers-env';

/**
 * The API Worker. Mail and webhook sending live in the notifier Worker (worker/notifier.ts)
 * behind the `NOTIFIER` service binding, which keeps SMTP and signing code off the API's
 * bundle and cold path. Without the binding, mail answers 503 mail_unavailable.
 */
type Bindings = { NOTIFIER?: Fetcher; DOCUMENTS?: Fetcher };

export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const parsed = checkEnv(env);
    if (!parsed.success) {
      if (url.pathname === '/health') return Response.json({ ok: false, error: { code: 'misconfigured', message: 'TURSO_DATABASE_URL is missing or invalid' } }, { status: 503 });
      return Response.json({ error: { code: 'misconfigured', message: 'The API is not configured (TURSO_DATABASE_URL)' } }, { status: 503 });
    }
    const notifier = (env as Bindings).NOTIFIER;
    const deps = workersDeps(parsed.output, url.origin, {
      mailer: notifier ? notifierMailer(notifier) : unavailableMailer,
      // Invoice PDFs and XML render in the documents Worker (wrangler.documents.toml); without it, 503.
      documents: (env as Bindings).DOCUMENTS ? bindingDocumentsRenderer((env as Bindings).DOCUMENTS!) : undefined,
      sendWebhookNow: async (id) => {
        if (!notifier) return { delivered: false, status: null };
        const res = await notifier.fetch(`https://notifier.internal/webhooks/${encodeURIComponent(id)}/attempt`, { method: 'POST' });
        return (await res.json()) as { delivered: boolean; status: number | null };
      },
    });
    // Cloudflare sets CF-Connecting-IP itself (a client cannot forge it through the edge).
    return app.fetch(request, { deps, clientAddress: request.headers.get('cf-connecting-ip') ?? undefined }, ctx);
  },
} satisfies ExportedHandler;
