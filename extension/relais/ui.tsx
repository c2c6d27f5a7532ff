import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { apiErrorText } from '../lib/api-errors';
import type { SyncError } from '../lib/model';
import { askRelais, type FileAnswer, type RelaisRequests, type RelaisResult, type RelaisType } from './messages';
import { locale } from './strings';

export const send = (m: unknown) => browser.runtime.sendMessage(m);
export const ask = <T extends RelaisType>(type: T, req: RelaisRequests[T]['req']) => askRelais(send, type, req);

/** A failure in the user's language (never the API's English message). */
export function ErrorNote({ error }: { error: SyncError | null | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert" data-code={error.code}>
      {apiErrorText(error, locale)}
    </p>
  );
}

export function Note({ children }: { children: ComponentChildren }) {
  return (
    <p class="ok" role="status">
      {children}
    </p>
  );
}

/** Loads once (and again when `deps` change, or on `reload()`): the value, the failure, the loading flag. */
export function useLoad<T>(load: () => Promise<RelaisResult<T>>, deps: unknown[]) {
  const [state, setState] = useState<{ value: T | null; error: SyncError | null; loading: boolean }>({ value: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void load().then((r) => live && setState(r.ok ? { value: r.value, error: null, loading: false } : { value: null, error: r.error, loading: false }));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

/** Saves a file the background fetched, under the server's name. */
export function saveFile(f: FileAnswer) {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: f.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  document.body.dataset.lastDownload = f.filename;
  document.body.dataset.lastDownloadBytes = String(bytes.length);
}

/** A file as the API takes it: base64 and its type, read in the page. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A button that runs an action once at a time. */
export function Action({ run, children, class: cls, disabled, name }: { run: () => Promise<unknown>; children: ComponentChildren; class?: string; disabled?: boolean; name?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class={cls}
      name={name}
      disabled={busy || disabled}
      onClick={() => {
        setBusy(true);
        void run().finally(() => setBusy(false));
      }}
    >
      {children}
    </button>
  );
}
