import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { DocumentsRenderer } from './documents/types';
import type { ServerKeyCache } from './http/server-keys';
import type { Mailer } from './mail/mailer';

/** Everything a request handler needs from the outside world, injected by the entry point. */
export type Deps = {
  /** Drizzle over the libSQL client, for typed reads and single writes. */
  db: LibSQLDatabase;
  /** The raw client, for atomic multi-statement batches. */
  client: Client;
  /** The clock: tests walk time by passing their own. */
  now: () => Date;
  mailer: Mailer;
  /** Where the API says it lives (links in emails). */
  publicUrl: string;
  log: (message: string, extra?: Record<string, unknown>) => void;
  /** Outgoing HTTP for webhooks (tests inject a receiver; Workers and Node pass global fetch). */
  fetch: typeof fetch;
  /**
   * Which webhook URLs are accepted: `public-https` on Workers (https to public hosts only);
   * `allow-loopback` on the local default, where `http://127.0.0.1` receivers help people test.
   */
  webhookPolicy: 'public-https' | 'allow-loopback';
  /**
   * Every address a webhook host resolves to, checked at registration and before each delivery
   * (Node: `dns.lookup(host, {all: true})`; the connection checks again through its lookup hook).
   * Absent on Workers, which cannot resolve names: there names are judged by their text.
   */
  resolveHost?: (host: string) => Promise<string[]>;
  /** Attempts one webhook delivery now (the test ping): in-process on Node, through the notifier Worker on Workers. */
  sendWebhookNow: (deliveryId: string) => Promise<{ delivered: boolean; status: number | null }>;
  /** The server keys read so far (worker/http/server-keys.ts): one cache per database, shared by its requests. */
  serverKeys: ServerKeyCache;
  /** Renders invoice PDFs and XML: the module on Node, the documents Worker's service binding on Workers; absent → 503. */
  documents?: DocumentsRenderer;
};

export type AppEnv = {
  /**
   * `clientAddress`: who sent the request, for the sign-in limits: the socket's address on Node
   * (a forwarded header only when configured), `CF-Connecting-IP` on Workers; absent in tests
   * that call `app.fetch` directly (then only the per-email limits apply).
   */
  Bindings: { deps: Deps; clientAddress?: string };
  /** `changeSeq`: the user's sync clock as read with the token, so an idle sync costs no extra query. */
  /**
   * `tokenKind`/`tokenScope`: what the bearer may do; `idempotency`: the key this request holds;
   * `replayBody`: what a replay of this write shows instead of its answer (never a secret).
   */
  Variables: {
    userId: string; tokenId: string; changeSeq: number; tokenKind: 'session' | 'personal'; tokenScope: 'read' | 'write';
    idempotency?: { userId: string; key: string; leasedUntil: string }; replayBody?: unknown;
  };
};
