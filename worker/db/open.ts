import { drizzle } from 'drizzle-orm/libsql';
import type { Client } from '@libsql/client';
import * as schema from './schema';

/** Drizzle over an existing libSQL client (file on Node, Turso over HTTP on Workers). */
export function drizzleOver(client: Client) {
  return drizzle(client, { schema });
}
