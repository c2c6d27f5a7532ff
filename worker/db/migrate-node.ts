import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@libsql/client';

/**
 * Applies the drizzle-kit migrations in `dir` that the database has not seen, in order,
 * each in one batch with its bookkeeping row. Kept here (not drizzle's migrator) so the
 * same file works for the embedded database and for `npm run db:migrate` against Turso.
 */
export async function applyMigrations(client: Client, dir: string): Promise<string[]> {
  await client.execute('CREATE TABLE IF NOT EXISTS __relais_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((await client.execute('SELECT name FROM __relais_migrations')).rows.map((r) => String(r.name)));
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const text = await readFile(join(dir, file), 'utf8');
    const statements = text.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
    await client.batch([...statements, { sql: 'INSERT INTO __relais_migrations (name, applied_at) VALUES (?, ?)', args: [file, new Date().toISOString()] }], 'write');
    applied.push(file);
  }
  return applied;
}
