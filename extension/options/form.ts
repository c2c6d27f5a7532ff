import { apiErrorText, fieldErrorText, fieldReason } from '../lib/api-errors';
import { locale } from '../lib/i18n';
import type { SyncError } from '../lib/model';
import { o } from './strings';

/** Errors shown next to each input (by input name), and one line for the rest. */
export type FormErrors = { fields: Record<string, string>; general: string | null };
export const noErrors: FormErrors = { fields: {}, general: null };

/** The API's field paths that the forms name differently (cents typed as euros). */
const INPUT_OF: Record<string, string> = { dailyRateCents: 'dailyRate', budgetCents: 'budgetDays' };

/**
 * A refusal from the API as a form shows it, in the user's language (never the API's
 * English message): 422 issues next to their inputs (by path), the code's sentence on the
 * general line, with the fields that have no input named there.
 * @example formErrors({ status: 422, code: 'validation_failed', message: '…', issues: [{ path: 'iban', code: 'check', message: 'is not a valid IBAN' }] }, ['iban'])
 *   // { fields: { iban: 'IBAN invalide' }, general: 'Corrigez les champs signalés.' }
 */
export function formErrors(error: SyncError, inputs: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  const byCode = error.code !== 'validation_failed' && error.status !== 422 ? null : error.code;
  for (const issue of error.issues ?? []) {
    const name = INPUT_OF[issue.path] ?? issue.path;
    // A domain refusal on one field (plan_not_available on plan…): the code's sentence says it best.
    const text = byCode && byCode !== 'validation_failed' ? apiErrorText({ ...error, issues: undefined }, locale) : fieldReason(issue, locale);
    if (inputs.includes(name)) fields[name] ??= text;
    else rest.push(byCode && byCode !== 'validation_failed' ? text : fieldErrorText(issue, locale));
  }
  if (error.status === 0) return { fields, general: apiErrorText(error, locale) };
  const domain = error.code !== 'validation_failed' ? apiErrorText({ ...error, issues: undefined }, locale) : null;
  const general = rest.length ? [...new Set(rest)].join(' · ') : domain ?? (Object.keys(fields).length ? o.fixFields : apiErrorText(error, locale));
  return { fields, general };
}
