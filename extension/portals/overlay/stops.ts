import type { Mismatch, Refusal } from '../protocol/write';
import { m } from './strings';

/** Why an overlay stopped, for the user: a reason (the test hook `data-relais-reason`) and its sentence. */
export type Stop = { reason: string; text: string };

/** Written fields the portal no longer shows as written, in words. */
export const driftStop = (off: readonly Mismatch[]): Stop => ({ reason: 'drift', text: m('drift', off.map((x) => `${x.label} : ${x.expected || m('empty')} → ${x.found || m('empty')}`).join(' ; ')) });

/** Fields that cannot take their value (nothing was written), in words. */
export const fieldStop = (refusals: readonly Refusal[]): Stop => ({ reason: 'field', text: m('field', refusals.map((r) => `${r.label} (${m(`why_${r.why}`)})`).join(' ; ')) });
