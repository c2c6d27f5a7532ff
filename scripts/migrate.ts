// `npm run db:migrate`: applies migrations/ to DATABASE_URL (a file: URL, or Turso's
// libsql:// URL with DATABASE_AUTH_TOKEN). `npm start` does this itself for the local file.
import { createClient } from '@libsql/client';
import { resolve } from 'node:path';
import { applyMigrations } from '../worker/db/migrate-node';

const url = process.env.DATABASE_URL ?? 'file:./data/relais.db';
const client = createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
const applied = await applyMigrations(client, resolve(import.meta.dirname, '../migrations'));
console.log(applied.length ? `Applied ${applied.join(', ')} to ${url}` : `${url} is up to date`);
client.close();
