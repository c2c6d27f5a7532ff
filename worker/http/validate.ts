import { vValidator } from '@hono/valibot-validator';
import type { GenericSchema } from 'valibot';
import type { ValidationTargets } from 'hono';
import { errorBody, type FieldIssue } from './errors';

type Issue = { message: string; type?: string; path?: { key: unknown }[] };

function toFieldIssues(issues: readonly Issue[]): FieldIssue[] {
  return issues.map((i) => ({
    path: (i.path ?? []).map((p) => String(p.key)).join('.') || '(body)',
    code: i.type ?? 'invalid',
    message: i.message,
  }));
}

/**
 * Input validation with the API's one hook: a 422 naming each field and the reason.
 * Malformed JSON never reaches it (400, from `app.onError`).
 */
export function validate<S extends GenericSchema, T extends keyof ValidationTargets>(target: T, schema: S) {
  return vValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issues = toFieldIssues(result.issues as unknown as Issue[]);
      const what = target === 'json' ? 'body' : target;
      return c.json(errorBody('validation_failed', `The ${what} is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues), 422);
    }
  });
}
