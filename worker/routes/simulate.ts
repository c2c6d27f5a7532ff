import { Hono } from '../http/hono';
import { simulatePayout } from '../../shared/payout/simulate';
import { SimulatePayoutBody } from '../../shared/schemas/mission';
import type { AppEnv } from '../deps';
import { unprocessable } from '../http/errors';
import { validate } from '../http/validate';

/** `POST /v1/simulate/payout` (no auth): compare plans before choosing one. */
export const simulateRoutes = new Hono<AppEnv>().post('/payout', validate('json', SimulatePayoutBody), (c) => {
  const b = c.req.valid('json');
  const result = simulatePayout({
    portal: b.portal,
    // Not asked where the regime does not depend on them (direct clients, single-regime portals).
    contractSignedOn: b.contractSignedOn ?? b.validatedOn,
    country: b.country ?? 'FR',
    plan: b.plan,
    dailyRateCents: b.dailyRateCents,
    days: b.days,
    validatedOn: b.validatedOn,
    clientTermsDays: b.clientTermsDays ?? undefined,
    clientPaidOn: b.clientPaidOn ?? undefined,
    vatRateBps: b.vatRateBps,
  });
  if (!result.ok) return unprocessable(c, result.code, result.message, result.code === 'terms_too_long' ? 'clientTermsDays' : 'plan');
  const f = result.value;
  return c.json(
    {
      regime: f.regime,
      plan: f.plan,
      netCents: f.netCents,
      vatCents: f.vatCents,
      totalCents: f.totalCents,
      feeCents: f.feeCents,
      payoutCents: f.payoutCents,
      payoutEarliest: f.payoutEarliest,
      payoutLatest: f.payoutLatest,
      invoiceDate: f.invoiceDate,
      clientDueOn: f.clientDueOn,
    },
    200,
  );
});
