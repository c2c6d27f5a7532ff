/**
 * The bench's multi-tenant databases, built once and cached in the OS temp directory under
 * a hash of the migrations and of the code that builds them (`RELAIS_BENCH_RESEED=1`
 * rebuilds; `RELAIS_BENCH_COPIES` sets the number of copies of the typical user, 4 999 by
 * default). Three files, written by the same code so that they differ only in who is in them:
 *
 * - `alone.db`: the typical and the heavy user (test/bench/history.ts), nobody else;
 * - `few.db`: the same two and 50 copies of the typical user (the scheduler's baseline);
 * - `among.db`: the same two and 4 999 copies: 5 001 users.
 *
 * Rows are written by SQLite from a template (test/bench/tenants.ts) with the schema's
 * indexes dropped, and the indexes rebuilt afterwards: maintaining them row by row took
 * about 160 s here against about 70 s; a rebuilt index is packed tighter than a live one
 * (pages full rather than about two-thirds), same entries and order.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { applyMigrations } from '../../worker/db/migrate-node';
import { createTestApi } from '../helpers/api';
import { HEAVY_EMAIL, liveHistories, TODAY, TYPICAL_EMAIL } from './history';
import { readTemplate, writeTenants } from './tenants';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const MIGRATIONS = join(root, 'migrations');
export const FEW_COPIES = 50;

export type SeedUser = { email: string; userId: string; token: string };
export type SeedFile = { path: string; users: number; rows: number; bytes: number; seedMs: number; seedCpuMs: number };
export type Seeds = {
  dir: string;
  cached: boolean;
  typical: SeedUser;
  heavy: SeedUser;
  /** How long living the two users' histories through the API took. */
  historyMs: number;
  alone: SeedFile;
  few: SeedFile;
  among: SeedFile;
};

function cacheKey(copies: number): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort()) h.update(f).update(readFileSync(join(MIGRATIONS, f)));
  for (const f of ['history.ts', 'tenants.ts', 'seed.ts']) h.update(readFileSync(join(here, f)));
  h.update(String(copies));
  return h.digest('hex').slice(0, 16);
}

/** The cached databases, built first when missing or stale. */
export async function seededDatabases(log: (line: string) => void = () => undefined): Promise<Seeds> {
  const copies = Number(process.env.RELAIS_BENCH_COPIES ?? 4999);
  const dir = join(tmpdir(), `relais-bench-tenants-${cacheKey(copies)}`);
  const metaPath = join(dir, 'meta.json');
  if (existsSync(metaPath) && process.env.RELAIS_BENCH_RESEED !== '1') {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Omit<Seeds, 'cached'>;
    // A database changed since it was built (a run that wrote into it) would skew every figure.
    const intact = [meta.alone, meta.few, meta.among].every((f) => existsSync(f.path) && statSync(f.path).size === f.bytes);
    if (intact) return { ...meta, cached: true };
  }
  // Older caches (other migrations, other code) are several GB each: only the current one is kept.
  for (const d of readdirSync(tmpdir()).filter((name) => name.startsWith('relais-bench-tenants-'))) {
    rmSync(join(tmpdir(), d), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });

  log('bench: living the typical and the heavy user through the API (2019-11 to 2026-05)…');
  const t0 = performance.now();
  const api = await createTestApi({ start: '2019-11-25T07:00:00Z' });
  const { typical, heavy } = await liveHistories(api);
  const historyMs = performance.now() - t0;
  const userIdOf = async (email: string) => {
    const rs = await api.deps.client.execute({ sql: 'SELECT id FROM users WHERE email = ?', args: [email] });
    return String(rs.rows[0]!.id);
  };
  const users = {
    typical: { ...typical, userId: await userIdOf(TYPICAL_EMAIL) },
    heavy: { ...heavy, userId: await userIdOf(HEAVY_EMAIL) },
  };
  // The bench runs at 10:00 on TODAY: keys from before 10:00 the day before are past their 24 h.
  const keysSince = new Date(new Date(`${TODAY}T10:00:00Z`).getTime() - 24 * 3_600_000).toISOString();
  const typicalRows = await readTemplate(api.deps.client, users.typical.userId, TYPICAL_EMAIL, { keysSince });
  const heavyRows = await readTemplate(api.deps.client, users.heavy.userId, HEAVY_EMAIL, { keysSince });
  api.close();

  const build = async (name: string, n: number): Promise<SeedFile> => {
    log(`bench: writing ${name}.db (${n + 2} users)…`);
    const path = join(dir, `${name}.db`);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const client = createClient({ url: `file:${path}` });
    // A file nobody else reads while it is written: no journal, no sync, a 2 GB page cache.
    const pragmas = ['foreign_keys = OFF', 'journal_mode = OFF', 'synchronous = OFF', 'cache_size = -2000000', 'temp_store = MEMORY'];
    for (const p of pragmas) await client.execute(`PRAGMA ${p}`);
    await applyMigrations(client, MIGRATIONS);
    const listed = await client.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
    const indexes = listed.rows.map((r) => ({ name: String(r.name), sql: String(r.sql) }));
    for (const i of indexes) await client.execute(`DROP INDEX "${i.name}"`);
    const rows = await writeTenants(client, typicalRows, n, [typicalRows, heavyRows]);
    for (const i of indexes) await client.execute(i.sql);
    // The copies' ids and references must hold together (checked where it is quick).
    if (n <= FEW_COPIES) {
      const broken = await client.execute('PRAGMA foreign_key_check');
      if (broken.rows.length) throw new Error(`${name}.db: ${broken.rows.length} broken references`);
    }
    const count = Number((await client.execute('SELECT count(*) AS n FROM users')).rows[0]!.n);
    if (count !== n + 2) throw new Error(`${name}.db: ${count} users, expected ${n + 2}`);
    await client.execute('PRAGMA journal_mode = WAL');
    client.close();
    const c = process.cpuUsage(cpu);
    return { path, users: count, rows, bytes: statSync(path).size, seedMs: performance.now() - t, seedCpuMs: (c.user + c.system) / 1000 };
  };
  const meta: Omit<Seeds, 'cached'> = {
    dir, ...users, historyMs, alone: await build('alone', 0), few: await build('few', FEW_COPIES), among: await build('among', copies),
  };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  return { ...meta, cached: false };
}
