import type { CraLine } from '../../shared/cra/schemas';
import { centsToInput, parseEuros } from '../lib/euros';

/** The kinds the popup edits; corrections come from a validated month and are shown as they are. */
export const EDITABLE_KINDS = ['expense', 'on_call', 'overtime'] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];
/** French VAT rates, in basis points. */
export const VAT_RATES = [0, 550, 1000, 2000] as const;

/** A line as its form holds it: the user's text, kept whatever they type. */
export type LineDraft = { kind: EditableKind; label: string; amount: string; vatRateBps: number; receiptRef: string };
export type DraftErrors = { label?: 'required'; amount?: 'format' };

export const emptyDraft = (): LineDraft => ({ kind: 'expense', label: '', amount: '', vatRateBps: 0, receiptRef: '' });

export function draftOf(line: CraLine, locale: 'fr' | 'en'): LineDraft {
  return {
    kind: line.kind === 'correction' ? 'expense' : line.kind,
    label: line.label,
    amount: centsToInput(line.amountCents, locale),
    vatRateBps: line.vatRateBps ?? 0,
    receiptRef: line.kind === 'expense' ? (line.receiptRef ?? '') : '',
  };
}

/**
 * The line a draft stands for, or what is wrong with it (the draft itself is left alone).
 * @example lineOf({ kind: 'expense', label: 'Train', amount: '42,50', vatRateBps: 1000, receiptRef: '' })
 *   // { ok: true, line: { kind: 'expense', label: 'Train', amountCents: 4250, vatRateBps: 1000 } }
 */
export function lineOf(draft: LineDraft): { ok: true; line: CraLine } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const label = draft.label.trim();
  if (!label) errors.label = 'required';
  const amount = parseEuros(draft.amount);
  if (!amount.ok) errors.amount = 'format';
  if (!amount.ok || !label) return { ok: false, errors };
  const base = { label: label.slice(0, 200), amountCents: amount.cents, vatRateBps: draft.vatRateBps };
  if (draft.kind === 'expense') {
    const receiptRef = draft.receiptRef.trim().slice(0, 100);
    return { ok: true, line: { kind: 'expense', ...base, ...(receiptRef ? { receiptRef } : {}) } };
  }
  return { ok: true, line: { kind: draft.kind, ...base } };
}
