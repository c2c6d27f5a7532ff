import { Hono } from '../http/hono';
import * as v from 'valibot';
import { CraBody } from '../../shared/cra/schemas';
import { CleanText, IsoDateString, IsoMonthString } from '../../shared/schemas/common';
import type { AppEnv } from '../deps';
import { validate } from '../http/validate';
import { loadProfile } from './profile';
import { craView } from '../use-cases/cra-view';
import { changeCraState, loadCra, saveCra, type SavedCra } from '../use-cases/save-cra';
import { validateCra } from '../use-cases/validate-cra';
import { invoiceView } from '../use-cases/invoice-view';
import { etag, parseIfMatch, respondFailure, failure } from '../use-cases/result';
import type { Context } from 'hono';

const Params = v.object({ id: v.pipe(v.string(), v.maxLength(64)), month: IsoMonthString });
const RefuseBody = v.object({ reason: v.pipe(v.string(), CleanText, v.trim(), v.minLength(1, 'say why the CRA is refused'), v.maxLength(2000)) });
// Validation dates from 2020: the VAT franchise tables (and e-invoicing rules) start there.
const ValidateBody = v.object({ validatedOn: v.pipe(IsoDateString, v.minValue('2020-01-01', 'must be 2020-01-01 or later')), acknowledgeVatThreshold: v.optional(v.boolean(), false) });

function ifMatchOf(c: Context<AppEnv>) {
  const n = parseIfMatch(c.req.header('if-match'));
  return Number.isNaN(n) ? ('bad' as const) : n;
}
const badIfMatch = failure(412, 'stale_revision', 'If-Match must be the CRA revision, as given in its ETag');

/** Renders a CRA with its ETag. */
function render(c: Context<AppEnv>, { cra, mission, orders, profile, content }: SavedCra) {
  c.header('ETag', etag(cra.revision));
  return c.json(craView(cra, mission, orders, profile.vatRegime, c.env.deps.now(), content), 200);
}

/** A mission's monthly activity report: read, replace (with If-Match), submit, refuse, validate. */
export const craRoutes = new Hono<AppEnv>()
  .get('/:id/cras/:month', validate('param', Params), async (c) => {
    const { id, month } = c.req.valid('param');
    const loaded = await loadCra(c.env.deps, c.var.userId, id, month);
    if (!loaded.ok) return respondFailure(c, loaded);
    return render(c, loaded.value);
  })
  .put('/:id/cras/:month', validate('param', Params), validate('json', CraBody), async (c) => {
    const { id, month } = c.req.valid('param');
    const ifMatch = ifMatchOf(c);
    if (ifMatch === 'bad') return respondFailure(c, badIfMatch);
    const res = await saveCra(c.env.deps, { userId: c.var.userId, missionId: id, month, body: c.req.valid('json'), ifMatch });
    if (!res.ok) return respondFailure(c, res);
    return render(c, res.value);
  })
  .post('/:id/cras/:month/submit', validate('param', Params), async (c) => {
    const { id, month } = c.req.valid('param');
    const ifMatch = ifMatchOf(c);
    if (ifMatch === 'bad') return respondFailure(c, badIfMatch);
    const res = await changeCraState(c.env.deps, { userId: c.var.userId, missionId: id, month, ifMatch, event: { type: 'submit' } });
    if (!res.ok) return respondFailure(c, res);
    return render(c, res.value);
  })
  .post('/:id/cras/:month/refuse', validate('param', Params), validate('json', RefuseBody), async (c) => {
    const { id, month } = c.req.valid('param');
    const ifMatch = ifMatchOf(c);
    if (ifMatch === 'bad') return respondFailure(c, badIfMatch);
    const res = await changeCraState(c.env.deps, { userId: c.var.userId, missionId: id, month, ifMatch, event: { type: 'refuse', reason: c.req.valid('json').reason } });
    if (!res.ok) return respondFailure(c, res);
    return render(c, res.value);
  })
  .post('/:id/cras/:month/validate', validate('param', Params), validate('json', ValidateBody), async (c) => {
    const { id, month } = c.req.valid('param');
    const ifMatch = ifMatchOf(c);
    if (ifMatch === 'bad') return respondFailure(c, badIfMatch);
    const body = c.req.valid('json');
    const res = await validateCra(c.env.deps, { userId: c.var.userId, missionId: id, month, validatedOn: body.validatedOn, acknowledgeVatThreshold: body.acknowledgeVatThreshold, ifMatch });
    if (!res.ok) return respondFailure(c, res);
    const profile = await loadProfile(c, c.var.userId);
    const loaded = await loadCra(c.env.deps, c.var.userId, id, month);
    if (!loaded.ok) return respondFailure(c, loaded);
    const { mission, orders } = loaded.value;
    const now = c.env.deps.now();
    c.header('ETag', etag(res.value.cra.revision));
    return c.json({ cra: craView(res.value.cra, mission, orders, profile.vatRegime, now), invoice: invoiceView(res.value.invoice, now) }, 201);
  });
