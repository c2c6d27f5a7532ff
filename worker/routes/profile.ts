import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { profiles } from '../db/schema';
import type { AppEnv } from '../deps';
import { bumpChangeSeq, writeBatch, currentChangeSeq } from '../db/batch';
import { validate } from '../http/validate';
import { ProfileBody } from '../../shared/schemas/profile';

export type ProfileView = ReturnType<typeof profileView>;

/** The profile as the API shows it (address grouped). */
export function profileView(p: typeof profiles.$inferSelect) {
  return {
    legalName: p.legalName,
    legalForm: p.legalForm,
    siret: p.siret,
    vatRegime: p.vatRegime,
    vatNumber: p.vatNumber,
    address: p.addressLine1 ? { line1: p.addressLine1, postalCode: p.postalCode ?? '', city: p.city ?? '', country: p.country } : null,
    iban: p.iban,
    bic: p.bic,
    bankName: p.bankName,
    alsaceMoselle: p.alsaceMoselle,
    penaltyRateBps: p.penaltyRateBps,
    shareCapitalCents: p.shareCapitalCents,
    rcs: p.rcs,
    updatedAt: p.updatedAt,
  };
}

/** Reads a user's profile (created empty at sign-up). */
export async function loadProfile(c: { env: AppEnv['Bindings'] }, userId: string) {
  const row = await c.env.deps.db.select().from(profiles).where(eq(profiles.userId, userId)).get();
  if (row) return row;
  const at = c.env.deps.now().toISOString();
  await c.env.deps.db.insert(profiles).values({ userId, updatedAt: at }).onConflictDoNothing();
  return (await c.env.deps.db.select().from(profiles).where(eq(profiles.userId, userId)).get())!;
}

/** The seller identity: GET it, PUT it whole (SIRET, IBAN and BIC checked). */
export const profileRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(profileView(await loadProfile(c, c.var.userId)), 200))
  .put('/', validate('json', ProfileBody), async (c) => {
    const b = c.req.valid('json');
    const userId = c.var.userId;
    await loadProfile(c, userId);
    const { db } = c.env.deps;
    await writeBatch(c.env.deps, [
      bumpChangeSeq(userId),
      db
        .update(profiles)
        .set({
          legalName: b.legalName,
          legalForm: b.legalForm,
          siret: b.siret ?? null,
          vatRegime: b.vatRegime,
          vatNumber: b.vatNumber ?? null,
          addressLine1: b.address?.line1 ?? null,
          postalCode: b.address?.postalCode ?? null,
          city: b.address?.city ?? null,
          country: b.address?.country ?? 'FR',
          iban: b.iban ?? null,
          bic: b.bic ?? null,
          bankName: b.bankName ?? null,
          alsaceMoselle: b.alsaceMoselle,
          penaltyRateBps: b.penaltyRateBps,
          shareCapitalCents: b.shareCapitalCents ?? null,
          rcs: b.rcs ?? null,
          seq: currentChangeSeq(userId),
          updatedAt: c.env.deps.now().toISOString(),
        })
        .where(eq(profiles.userId, userId)),
    ]);
    return c.json(profileView(await loadProfile(c, userId)), 200);
  });
