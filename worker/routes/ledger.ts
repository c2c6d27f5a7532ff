import { Hono } from '../http/hono';
import * as v from 'valibot';
import { SettleConflictBody } from '../../shared/schemas/ledger';
import type { AppEnv } from '../deps';
import { validate } from '../http/validate';
import { conflictView, listConflicts, settleConflict } from '../use-cases/settle-conflict';
import { respondFailure } from '../use-cases/result';

const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const ListQuery = v.object({ status: v.optional(v.picklist(['open', 'kept_user', 'took_portal'])) });

/** Conflicts between what the user entered and what a portal showed: list them, settle one. */
export const ledgerRoutes = new Hono<AppEnv>()
  .get('/conflicts', validate('query', ListQuery), async (c) => {
    const rows = await listConflicts(c.env.deps, c.var.userId, c.req.valid('query').status);
    return c.json({ conflicts: rows.map(conflictView) }, 200);
  })
  .post('/conflicts/:id/settle', validate('param', IdParam), validate('json', SettleConflictBody), async (c) => {
    const res = await settleConflict(c.env.deps, { userId: c.var.userId, id: c.req.valid('param').id, keep: c.req.valid('json').keep });
    if (!res.ok) return respondFailure(c, res);
    return c.json(conflictView(res.value), 200);
  });
