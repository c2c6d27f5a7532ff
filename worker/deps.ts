import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
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
};

export type AppEnv = {
  Bindings: { deps: Deps };
  /** `changeSeq`: the user's sync clock as read with the token, so an idle sync costs no extra query. */
  Variables: { userId: string; tokenId: string; changeSeq: number };
};
