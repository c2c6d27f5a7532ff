import type { InStatement } from '@libsql/client';
import { LONGEST_WINDOW_MS, retryAfterMs, SIGN_IN_TIERS, type LimitKind, type Tier } from '../../shared/auth/sign-in-limits';
import { clearGuards, guardChanged, writeBatch } from '../db/batch';
import type { Deps } from '../deps';

/** Sign-in events, and the test pings of webhooks (same table, same sliding windows). */
export type EventKind = LimitKind | 'ping';
type Scoped = { key: string; tiers: Tier[] };
export type Reservation = { ok: true; ids: number[] } | { ok: false; retryAfterSeconds: number };

const scopesOf = (kind: LimitKind, email: string, address: string | undefined): Scoped[] => [
  { key: `email:${email}`, tiers: SIGN_IN_TIERS[kind].email },
  ...(address ? [{ key: `address:${address}`, tiers: SIGN_IN_TIERS[kind].address }] : []),
];

/** One event, inserted only if every tier of its scope still has room (one statement: atomic). */
function reserveStatement(kind: EventKind, s: Scoped, at: Date): InStatement {
  const tiers = s.tiers;
  const room = tiers.map(() => '(SELECT count(*) FROM sign_in_events WHERE scope = ? AND kind = ? AND at > ?) < ?').join(' AND ');
  const args = tiers.flatMap((t) => [s.key, kind, new Date(at.getTime() - t.windowMs).toISOString(), t.limit]);
  return { sql: `INSERT INTO sign_in_events (scope, kind, at) SELECT ?, ?, ? WHERE ${room} RETURNING id`, args: [s.key, kind, at.toISOString(), ...args] };
}

async function retryAfter(deps: Deps, kind: EventKind, scopes: Scoped[], at: Date): Promise<number> {
  let wait = 0;
  for (const s of scopes) {
    const tiers = s.tiers;
    const since = new Date(at.getTime() - Math.max(...tiers.map((t) => t.windowMs))).toISOString();
    const rs = await deps.client.execute({ sql: 'SELECT at FROM sign_in_events WHERE scope = ? AND kind = ? AND at > ? ORDER BY at', args: [s.key, kind, since] });
    const ats = rs.rows.map((r) => Date.parse(String(r.at)));
    wait = Math.max(wait, retryAfterMs(tiers, tiers.map((t) => ats.filter((a) => a > at.getTime() - t.windowMs)), at.getTime()));
  }
  return Math.max(1, Math.ceil(wait / 1000));
}

/**
 * Takes one place in every sliding window of `kind` for the email and the client address, or
 * none (one atomic batch: concurrent requests cannot overshoot a limit). Refused: when to retry.
 */
export const reserveSignInEvent = (deps: Deps, kind: LimitKind, email: string, address: string | undefined): Promise<Reservation> =>
  reserveLimited(deps, kind, scopesOf(kind, email, address));

/**
 * Takes one place of `kind` in every sliding window of every scope, or none (one atomic batch).
 * Windows longer than the sign-in's longest are not purged in time: keep them within it.
 */
export async function reserveLimited(deps: Deps, kind: EventKind, scopes: Scoped[]): Promise<Reservation> {
  const at = deps.now();
  const done = await writeBatch(deps, [...scopes.flatMap((s) => [reserveStatement(kind, s, at), guardChanged(1)]), clearGuards]);
  if (done.ok) return { ok: true, ids: scopes.map((_, i) => Number(done.results[i * 2]!.rows[0]!.id)) };
  return { ok: false, retryAfterSeconds: await retryAfter(deps, kind, scopes, at) };
}

/** Gives back the places a try took (a right code is not a failed try). */
export async function releaseSignInEvents(deps: Deps, ids: number[]): Promise<void> {
  if (ids.length) await deps.client.execute({ sql: `DELETE FROM sign_in_events WHERE id IN (${ids.map(() => '?').join(',')})`, args: ids });
}

/** Bounded purge of what no longer counts: events past every window, codes past their life. */
export async function purgeSignInState(deps: Deps): Promise<void> {
  const at = deps.now();
  await deps.client.batch([
    { sql: 'DELETE FROM sign_in_events WHERE id IN (SELECT id FROM sign_in_events WHERE at <= ? LIMIT 500)', args: [new Date(at.getTime() - LONGEST_WINDOW_MS).toISOString()] },
    { sql: 'DELETE FROM auth_codes WHERE rowid IN (SELECT rowid FROM auth_codes WHERE expires_at <= ? LIMIT 500)', args: [at.toISOString()] },
  ], 'write');
}
