import { isIsoDate, type IsoDate } from '../dates';

/**
 * The life of a CRA (DOMAIN.md, "Activity reports (CRA)"): draft → submitted → validated
 * or refused; refused is editable and can be submitted again; validated is locked for
 * ever (a later month's correction line fixes a mistake). The client refuses a CRA so the
 * freelancer can change it (seed: littlebig-connection-onboarding.fr.txt).
 */

export type CraState = 'draft' | 'submitted' | 'validated' | 'refused';

export type CraEvent =
  | { type: 'edit' }
  | { type: 'submit' }
  | { type: 'validate'; validatedOn: IsoDate }
  | { type: 'refuse'; reason: string };

export type CraTransitionCode =
  | 'cra_locked'
  | 'cra_submitted'
  | 'cra_not_submitted'
  | 'cra_already_submitted'
  | 'refusal_reason_required'
  | 'validation_date_invalid';

export type CraTransition =
  | { ok: true; state: CraState }
  | { ok: false; code: CraTransitionCode; message: string };

export const CRA_STATES = ['draft', 'submitted', 'validated', 'refused'] as const satisfies readonly CraState[];

const refuse = (code: CraTransitionCode, message: string): CraTransition => ({ ok: false, code, message });

/**
 * The state after `event`, or why it is refused. The state is checked before the event's
 * data: refusing a draft is `cra_not_submitted` even without a reason.
 * @example transition('submitted', { type: 'refuse', reason: 'Le 14 est férié' }) // { ok: true, state: 'refused' }
 * @example transition('validated', { type: 'edit' }) // { ok: false, code: 'cra_locked', … }
 */
export function transition(state: CraState, event: CraEvent): CraTransition {
  if (state === 'validated') return refuse('cra_locked', 'A validated CRA is locked; correct it on a later month');
  switch (event.type) {
    case 'edit':
      return state === 'submitted'
        ? refuse('cra_submitted', 'A submitted CRA cannot be edited until the client refuses it')
        : { ok: true, state };
    case 'submit':
      return state === 'submitted'
        ? refuse('cra_already_submitted', 'This CRA is already submitted')
        : { ok: true, state: 'submitted' };
    case 'validate':
      if (state !== 'submitted') return refuse('cra_not_submitted', 'Only a submitted CRA can be validated');
      if (!isIsoDate(event.validatedOn)) return refuse('validation_date_invalid', 'The validation date must be YYYY-MM-DD');
      return { ok: true, state: 'validated' };
    case 'refuse':
      if (state !== 'submitted') return refuse('cra_not_submitted', 'Only a submitted CRA can be refused');
      if (event.reason.trim() === '') return refuse('refusal_reason_required', 'Say why the CRA is refused');
      return { ok: true, state: 'refused' };
  }
}

/** True when the freelancer may change the days and lines: a draft, or a refused CRA. */
export function isEditable(state: CraState): boolean {
  return state === 'draft' || state === 'refused';
}
