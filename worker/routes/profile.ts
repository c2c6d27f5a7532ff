import { and, eq, sql } from 'drizzle-orm';
import { Hono } from '../http/hono';
import { invoiceCounters, invoices, profiles } from '../db/schema';
import { fail } from '../http/errors';
import type { AppEnv } from '../deps';
import { bumpChangeSeq, writeBatch, currentChangeSeq } from '../db/batch';
import { validate } from '../http/validate';
import { ProfileBody, type OpeningBalance } from '../../shared/schemas/profile';

/** The counters an opening balance sets: the next number of each series it names. */
const seriesStarts = (o: OpeningBalance) =>
  [
    { kind: 'invoice' as const, year: o.year, next: o.nextInvoiceNumber },
    { kind: 'credit_note' as const, year: o.year, next: o.nextCreditNoteNumber },
  ].filter((s): s is { kind: 'invoice' | 'credit_note'; year: number; next: number } => s.next !== undefined);

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
    opening: p.openingYear ? { year: p.openingYear, turnoverCents: p.openingTurnoverCents ?? 0, collectedCents: p.openingCollectedCents ?? 0 } : null,
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
    // Where the existing series stand: only before Relais numbers anything in that year, or the series would skip or repeat.
    const series = b.opening ? seriesStarts(b.opening) : [];
    for (const s of series) {
      const issued = await db.select({ n: sql<number>`count(*)` }).from(invoices).where(and(eq(invoices.userId, userId), eq(invoices.kind, s.kind), eq(invoices.year, s.year))).get();
      if ((issued?.n ?? 0) > 0) {
        const field = s.kind === 'invoice' ? 'nextInvoiceNumber' : 'nextCreditNoteNumber';
        const message = `Relais has already numbered ${s.kind === 'invoice' ? 'invoices' : 'credit notes'} in ${s.year}: the series continues from them`;
        return fail(c, 409, 'series_started', message, [{ path: `opening.${field}`, code: "series_started", message }]);
      }
    }
    await writeBatch(c.env.deps, [
      bumpChangeSeq(userId),
      ...series.map((s) =>
        db
          .insert(invoiceCounters)
          .values({ userId, kind: s.kind, year: s.year, lastSequence: s.next - 1 })
          .onConflictDoUpdate({ target: [invoiceCounters.userId, invoiceCounters.kind, invoiceCounters.year], set: { lastSequence: s.next - 1 } }),
      ),
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
          ...(b.opening === undefined
            ? {}
            : { openingYear: b.opening?.year ?? null, openingTurnoverCents: b.opening?.turnoverCents ?? null, openingCollectedCents: b.opening?.collectedCents ?? null }),
          seq: currentChangeSeq(userId),
          updatedAt: c.env.deps.now().toISOString(),
        })
        .where(eq(profiles.userId, userId)),
    ]);
    return c.json(profileView(await loadProfile(c, userId)), 200);
  });
