import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { authCodes, tokens, users, profiles } from '../db/schema';
import type { AppEnv } from '../deps';
import { fail } from '../http/errors';
import { newId, newSixDigitCode, newToken, sha256Hex, timingSafeEqualHex } from '../http/crypto';
import { validate } from '../http/validate';
import { signInCodeMail } from '../mail/templates';

const CODE_TTL_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;

const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(254));
const CodeRequest = v.object({ email: Email, locale: v.optional(v.picklist(['fr', 'en'])) });
const TokenRequest = v.object({ email: Email, code: v.pipe(v.string(), v.trim(), v.regex(/^\d{6}$/, 'must be the 6-digit code')) });

/** Codes are hashed with the email so a code row cannot be replayed for another address. */
const codeHash = (email: string, code: string) => sha256Hex(`${email}:${code}`);

/**
 * Sign-in by emailed code: `POST /code` sends a 6-digit code (10 minutes, 5 tries, single
 * use, stored hashed); `POST /token` exchanges it for a bearer token (stored hashed).
 */
export const auth = new Hono<AppEnv>()
  .post('/code', validate('json', CodeRequest), async (c) => {
    const { email, locale } = c.req.valid('json');
    const { db, now, mailer, log } = c.env.deps;
    const at = now();
    const code = newSixDigitCode();
    // A new code supersedes the previous ones.
    await db.update(authCodes).set({ usedAt: at.toISOString() }).where(and(eq(authCodes.email, email), isNull(authCodes.usedAt)));
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
    const { db, now } = c.env.deps;
    const at = now().toISOString();
    const row = await db
      .select()
      .from(authCodes)
      .where(and(eq(authCodes.email, email), isNull(authCodes.usedAt), gt(authCodes.expiresAt, at)))
      .orderBy(desc(authCodes.createdAt))
      .get();
    if (!row || row.attempts >= MAX_ATTEMPTS) return fail(c, 401, 'invalid_code', 'The code is wrong, expired or already used: ask for a new one');
    if (!timingSafeEqualHex(row.codeHash, await codeHash(email, code))) {
      // Counted in SQL, not from the row read above: parallel guesses each take a try.
      const counted = await db
        .update(authCodes)
        .set({ attempts: sql`${authCodes.attempts} + 1`, usedAt: sql`CASE WHEN ${authCodes.attempts} + 1 >= ${MAX_ATTEMPTS} THEN ${at} ELSE ${authCodes.usedAt} END` })
        .where(and(eq(authCodes.id, row.id), lt(authCodes.attempts, MAX_ATTEMPTS)))
        .returning({ attempts: authCodes.attempts });
      const left = Math.max(0, MAX_ATTEMPTS - (counted[0]?.attempts ?? MAX_ATTEMPTS));
      return fail(c, 401, 'invalid_code', left ? `The code is wrong (${left} tries left)` : 'The code is wrong and no tries are left: ask for a new one');
    }
    // Single use: only the request that marks it used gets a token.
    const claimed = await db.update(authCodes).set({ usedAt: at }).where(and(eq(authCodes.id, row.id), isNull(authCodes.usedAt), lt(authCodes.attempts, MAX_ATTEMPTS))).returning({ id: authCodes.id });
    if (claimed.length !== 1) return fail(c, 401, 'invalid_code', 'The code was already used: ask for a new one');

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
  });
