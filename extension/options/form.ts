import type { SyncError } from '../lib/model';
import { o } from './strings';

/** Errors shown next to each input (by input name), and one line for the rest. */
export type FormErrors = { fields: Record<string, string>; general: string | null };
export const noErrors: FormErrors = { fields: {}, general: null };

/** The API's field paths that the forms name differently (cents typed as euros). */
const INPUT_OF: Record<string, string> = { dailyRateCents: 'dailyRate' };

/** French wording for the refusals a user meets most; otherwise the API's own message. */
function wording(path: string, message: string): string {
  const leaf = path.split('.').pop()!;
  const known = (o as unknown as Record<string, string | undefined>)[`field_${leaf}`];
  if (known) return known;
  if (/must not be empty|Invalid length|required/i.test(message)) return o.field_required;
  return message;
}

/**
 * A refusal from the API as a form shows it: 422 issues next to their inputs (by path),
 * 409/other codes and anything without a field on the general line.
 * @example formErrors({ status: 422, code: 'validation_failed', message: '…', issues: [{ path: 'iban', message: 'is not a valid IBAN' }] })
 *   // { fields: { iban: 'IBAN invalide' }, general: 'Corrigez les champs signalés.' }
 */
export function formErrors(error: SyncError, inputs: readonly string[]): FormErrors {
  if (error.status === 0) return { fields: {}, general: o.networkError };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of error.issues ?? []) {
    const name = INPUT_OF[issue.path] ?? issue.path;
    if (inputs.includes(name)) fields[name] ??= error.code === 'plan_not_available' ? o.planNotAvailable : wording(name, issue.message);
    else rest.push(`${issue.path}: ${issue.message}`);
  }
  const byCode = error.code === 'mission_running' ? o.missionRunning : error.code === 'plan_not_available' && !fields.plan ? o.planNotAvailable : null;
  const general = byCode ?? (rest.length ? rest.join(' · ') : Object.keys(fields).length ? o.fixFields : error.message);
  return { fields, general };
}
