import type { ComponentChildren } from 'preact';

/** A labelled input with its error underneath (the input keeps what the user typed). */
export function Field({ label, error, wide, children }: { label: string; error?: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <label class={`${error ? 'invalid' : ''} ${wide ? 'wide' : ''}`}>
      <span>{label}</span>
      {children}
      {error && (
        <small class="field-err" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}

/** Success or failure line under a form. */
export function Note({ note }: { note: { kind: 'ok' | 'err'; text: string } | null }) {
  if (!note) return null;
  return (
    <p class={`msg ${note.kind}`} role="status">
      {note.text}
    </p>
  );
}
