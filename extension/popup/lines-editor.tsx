import { useState } from 'preact/hooks';
import type { CraLine } from '../../shared/cra/schemas';
import { locale, money, t } from '../lib/i18n';
import { draftOf, EDITABLE_KINDS, emptyDraft, lineOf, VAT_RATES, type DraftErrors, type LineDraft } from './line-draft';

type Props = { lines: CraLine[]; locked: boolean; onChange(lines: CraLine[]): void };

const pct = (bps: number) => `${(bps / 100).toLocaleString(locale)} %`;

/**
 * The month's extra lines (expenses, on-call, overtime): add, edit, remove. A line is sent
 * only once it reads as a line; until then the form keeps what the user typed and says why.
 */
export function LinesEditor({ lines, locked, onChange }: Props) {
  // Index being edited; -1 is a new line.
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState<LineDraft>(emptyDraft);
  const [errors, setErrors] = useState<DraftErrors>({});

  const open = (i: number) => {
    setEditing(i);
    setDraft(i < 0 ? emptyDraft() : draftOf(lines[i]!, locale));
    setErrors({});
  };
  const save = (e: Event) => {
    e.preventDefault();
    const res = lineOf(draft);
    if (!res.ok) return setErrors(res.errors);
    onChange(editing! < 0 ? [...lines, res.line] : lines.map((l, i) => (i === editing ? res.line : l)));
    setEditing(null);
  };
  const field = (k: keyof LineDraft) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    setDraft({ ...draft, [k]: k === 'vatRateBps' ? Number(el.value) : el.value });
  };

  return (
    <section class="lines" aria-label={t.lines}>
      <div class="row">
        <strong class="lines-title">{t.lines}</strong>
        {!locked && editing === null && (
          <button type="button" class="link" data-action="add-line" onClick={() => open(-1)}>
            + {t.addLine}
          </button>
        )}
      </div>
      {lines.length > 0 && (
        <ul class="line-list">
          {lines.map((l, i) =>
            i === editing ? null : (
              <li key={i} data-line={i}>
                <span class="kind">{t[`kind_${l.kind}`]}</span>
                <span class="label" title={l.label}>
                  {l.label}
                </span>
                <span class="amt">{money(l.amountCents)}</span>
                {!locked && l.kind !== 'correction' && editing === null && (
                  <span class="acts">
                    <button type="button" class="icon" title={t.edit} aria-label={`${t.edit} ${l.label}`} onClick={() => open(i)}>
                      ✎
                    </button>
                    <button type="button" class="icon" title={t.remove} aria-label={`${t.remove} ${l.label}`} onClick={() => onChange(lines.filter((_, j) => j !== i))}>
                      ×
                    </button>
                  </span>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {editing !== null && (
        <form class="line-form" onSubmit={save} noValidate>
          <select name="kind" aria-label={t.lineKind} value={draft.kind} onChange={field('kind')}>
            {EDITABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t[`kind_${k}`]}
              </option>
            ))}
          </select>
          <input name="label" placeholder={t.label} aria-label={t.label} aria-invalid={!!errors.label} value={draft.label} onInput={field('label')} maxLength={200} />
          <input name="amount" placeholder={t.amountHTEuros} aria-label={t.amountHTEuros} aria-invalid={!!errors.amount} inputMode="decimal" value={draft.amount} onInput={field('amount')} />
          <select name="vat" aria-label={t.vatRate} value={String(draft.vatRateBps)} onChange={field('vatRateBps')}>
            {VAT_RATES.map((r) => (
              <option key={r} value={String(r)}>
                {t.vatRate} {pct(r)}
              </option>
            ))}
          </select>
          {draft.kind === 'expense' && <input name="receiptRef" class="wide" placeholder={t.receiptRef} aria-label={t.receiptRef} value={draft.receiptRef} onInput={field('receiptRef')} maxLength={100} />}
          {(errors.label || errors.amount) && (
            <p class="field-err wide" role="alert">
              {[errors.label && t.labelRequired, errors.amount && t.badAmount].filter(Boolean).join(' · ')}
            </p>
          )}
          <div class="row wide">
            <button type="button" onClick={() => setEditing(null)}>
              {t.cancel}
            </button>
            <button type="submit" class="primary">
              {t.ok}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
