import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from '../http/hono';
import * as v from 'valibot';
import { CODE_TTL_MS, TRIES_PER_CODE } from '../../shared/auth/sign-in-limits';
import { authCodes, tokens, users, profiles } from '../db/schema';
import type { AppEnv } from '../deps';
import { requireAuth } from '../http/auth';
import { addressScope } from '../http/client-address';
import { fail } from '../http/errors';
import { newId, newSixDigitCode, newToken, sha256Hex, timingSafeEqual } from '../http/crypto';
import { validate } from '../http/validate';
import { signInCodeMail } from '../mail/templates';
import { purgeSignInState, releaseSignInEvents, reserveSignInEvent } from '../use-cases/sign-in-limits';

const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(254));
const CodeRequest = v.object({ email: Email, locale: v.optional(v.picklist(['fr', 'en'])) });
const TokenRequest = v.object({ email: Email, code: v.pipe(v.string(), v.trim(), v.regex(/^\d{6}$/, 'must be the 6-digit code')) });

/** Codes are hashed with the email so a code row cannot be replayed for another address. */
const codeHash = (email: string, code: string) => sha256Hex(`${email}:${code}`);

/** One answer for every refused code (wrong, expired, used, none asked for): it reveals nothing. */
const INVALID_CODE = 'The code is wrong, expired or already used';

function tooMany(c: Context<AppEnv>, retryAfterSeconds: number, what: string) {
  c.header('Retry-After', String(retryAfterSeconds));
  return fail(c, 429, 'rate_limited', `Too many ${what} for this address or client; retry in ${retryAfterSeconds} s`);
}

/**
 * Sign-in by emailed code: `POST /code` sends a 6-digit code (10 minutes, 5 tries, single
 * use, stored hashed); `POST /token` exchanges it for a bearer token (stored hashed);
 * `POST /logout` revokes the token it is sent with. Code requests and failed tries are
 * limited per email and per client address (shared/auth/sign-in-limits.ts).
 */
export const auth = new Hono<AppEnv>()
  .post('/code', validate('json', CodeRequest), async (c) => {
    const { email, locale } = c.req.valid('json');
    const { db, now, mailer, log } = c.env.deps;
    const reserved = await reserveSignInEvent(c.env.deps, 'code', email, addressScope(c.env.clientAddress));
    if (!reserved.ok) return tooMany(c, reserved.retryAfterSeconds, 'sign-in codes');
    await purgeSignInState(c.env.deps);
    const at = now();
    const code = newSixDigitCode();
    // Earlier codes stay valid: whoever asks for a code cannot void the one a user just received.
    await db.insert(authCodes).values({
      id: newId(),
      email,
      codeHash: await codeHash(email, code),
      expiresAt: new Date(at.getTime() + CODE_TTL_MS).toISOString(),
      createdAt: at.toISOString(),
    });
    const existing = await db.select({ locale: users.locale }).from(users).where(eq(users.email, email)).get();
    const sent = await mailer.send(signInCodeMail(email, code, locale ?? (existing?.locale as 'fr' | 'en' | undefined) ?? 'fr'));
    log('sign-in code sent', { to: email, via: mailer.kind, id: sent.id });
    return c.json({ sent: true, expiresInSeconds: CODE_TTL_MS / 1000 }, 202);
  })
  .post('/token', validate('json', TokenRequest), async (c) => {
    const { email, code } = c.req.valid('json');
    const { db, client, now } = c.env.deps;
    // Every try takes its place in the windows first (atomically), so parallel guesses count.
    const reserved = await reserveSignInEvent(c.env.deps, 'failure', email, addressScope(c.env.clientAddress));
    if (!reserved.ok) return tooMany(c, reserved.retryAfterSeconds, 'failed sign-in tries');
    const at = now().toISOString();
    const hash = await codeHash(email, code);
    const live = await client.execute({
      sql: 'SELECT id, code_hash FROM auth_codes WHERE email = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?',
      args: [email, at, TRIES_PER_CODE],
    });
    let match: string | undefined;
    for (const row of live.rows) if (timingSafeEqual(String(row.code_hash), hash)) match = String(row.id);
    if (!match) {
      // Counted in SQL on every live code: a code is void after its 5th wrong try.
      await client.execute({
        sql: `UPDATE auth_codes SET attempts = attempts + 1, used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE used_at END
              WHERE email = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?`,
        args: [TRIES_PER_CODE, at, email, at, TRIES_PER_CODE],
      });
      return fail(c, 401, 'invalid_code', INVALID_CODE);
    }
    // Single use: only the request that marks it used gets a token; the email's other codes go with it.
    const claimed = await client.batch([
      { sql: 'UPDATE auth_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND attempts < ? RETURNING id', args: [at, match, TRIES_PER_CODE] },
      { sql: 'UPDATE auth_codes SET used_at = ? WHERE email = ? AND used_at IS NULL AND changes() = 1', args: [at, email] },
    ], 'write');
    if (claimed[0]!.rows.length !== 1) return fail(c, 401, 'invalid_code', INVALID_CODE);
    await releaseSignInEvents(c.env.deps, reserved.ids);

    let user = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    if (!user) {
      const id = newId();
      await db.insert(users).values({ id, email, createdAt: at }).onConflictDoNothing();
      await db.insert(profiles).values({ userId: id, updatedAt: at }).onConflictDoNothing();
      user = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    }
    const token = newToken();
    await db.insert(tokens).values({ id: newId(), userId: user!.id, kind: 'session', name: 'sign-in', tokenHash: await sha256Hex(token), createdAt: at });
    return c.json({ token }, 200);
  })
  .post('/logout', requireAuth, async (c) => {
    await c.env.deps.db.update(tokens).set({ revokedAt: c.env.deps.now().toISOString() }).where(and(eq(tokens.id, c.var.tokenId), isNull(tokens.revokedAt)));
    return c.body(null, 204);
  });
