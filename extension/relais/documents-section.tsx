import { useState } from 'preact/hooks';
import { daysBetween } from '../../shared/dates';
import { formatDate } from '../lib/i18n';
import type { SyncError } from '../lib/model';
import { localToday } from '../lib/today';
import type { Json } from './messages';
import { s } from './strings';
import { Action, ask, ErrorNote, fileToBase64, Note, saveFile, useLoad } from './ui';

const KINDS = ['incorporation', 'sirene_registration', 'tax_certificate', 'social_security_certificate', 'liability_insurance', 'sworn_statement', 'other'] as const;
const kindWord = (k: string) => s[`kind_${k}` as 'kind_other'] ?? k;
/** Mirrors the API's limit (worker/routes/documents.ts) so a too-large file is said before it is sent. */
const MAX_FILE_BYTES = 700 * 1024;
const tooLarge: SyncError = { status: 0, code: 'file_too_large', message: '' };

async function filePayload(file: File | null) {
  if (!file) return undefined;
  return { name: file.name, contentType: file.type || 'application/pdf', base64: await fileToBase64(file) };
}

/** Legal documents: add with expiry and file, see the file, renew (new expiry, new file). */
export function DocumentsSection() {
  const docs = useLoad(() => ask('relais.documents.list', {}), []);
  const [note, setNote] = useState<string | null>(null);
  const today = localToday();
  return (
    <section class="documents-section">
      <h2>{s.documents}</h2>
      <ErrorNote error={docs.error} />
      {note && <Note>{note}</Note>}
      {docs.value && docs.value.documents.length === 0 && <p class="muted">{s.noDocument}</p>}
      <ul class="doc-list">
        {(docs.value?.documents ?? []).map((d) => (
          <DocumentRow key={d.id} doc={d} today={today} renewed={() => (setNote(s.docRenewed), docs.reload())} />
        ))}
      </ul>
      <DocumentForm added={() => (setNote(s.docAdded), docs.reload())} />
    </section>
  );
}

function expiryText(expiresOn: string | null, today: string) {
  if (!expiresOn) return s.noExpiry;
  const left = daysBetween(today, expiresOn);
  return left < 0 ? `${s.expired} (${formatDate(expiresOn)})` : `${s.docExpiresOn} ${formatDate(expiresOn)} · ${s.expiresIn(left)}`;
}

function DocumentRow({ doc, today, renewed }: { doc: Json; today: string; renewed: () => void }) {
  const [renewing, setRenewing] = useState(false);
  const [error, setError] = useState<SyncError | null>(null);
  const expired = doc.expiresOn && doc.expiresOn < today;
  return (
    <li class={expired ? 'doc expired' : 'doc'} data-label={doc.label}>
      <div class="row">
        <span>
          <strong>{doc.label}</strong> <span class="muted">· {kindWord(doc.kind)}</span>
        </span>
        <span class={expired ? 'error' : 'muted'}>{expiryText(doc.expiresOn, today)}</span>
      </div>
      <div class="row">
        {doc.file ? (
          <Action
            name="see-file"
            run={async () => {
              const r = await ask('relais.documents.file', { id: doc.id });
              if (r.ok) saveFile(r.value);
              setError(r.ok ? null : r.error);
            }}
          >
            {s.seeFile} ({doc.file.name})
          </Action>
        ) : (
          <span class="muted small">{s.noFile}</span>
        )}
        <button type="button" name="renew" onClick={() => setRenewing(!renewing)}>
          {s.renew}
        </button>
      </div>
      <ErrorNote error={error} />
      {renewing && <RenewForm doc={doc} done={() => (setRenewing(false), renewed())} />}
    </li>
  );
}

/**
 * The file input drawn by the page in its own words: the browser's button says "Choose File"
 * in the browser's language, not the extension's.
 */
function FilePicker({ file, onFile }: { file: File | null; onFile: (f: File | null) => void }) {
  return (
    <label class="block file-picker">
      {s.docFile}
      <span class="row">
        <span class="button">{s.chooseFile}</span>
        <span class={file ? '' : 'muted'}>{file ? file.name : s.noFileChosen}</span>
      </span>
      <input type="file" name="file" class="visually-hidden" accept="application/pdf,image/png,image/jpeg" onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)} />
    </label>
  );
}

function RenewForm({ doc, done }: { doc: Json; done: () => void }) {
  const [issuedOn, setIssuedOn] = useState(localToday());
  const [expiresOn, setExpiresOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<SyncError | null>(null);
  return (
    <form class="panel" onSubmit={(e) => e.preventDefault()}>
      <p class="muted small">{s.renewTitle}</p>
      <label>
        {s.docIssuedOn} <input type="date" name="issuedOn" value={issuedOn} onInput={(e) => setIssuedOn(e.currentTarget.value)} />
      </label>
      <label>
        {s.docExpiresOn} <input type="date" name="expiresOn" value={expiresOn} onInput={(e) => setExpiresOn(e.currentTarget.value)} />
      </label>
      <FilePicker file={file} onFile={setFile} />
      <ErrorNote error={error?.code === 'file_too_large' ? null : error} />
      {error?.code === 'file_too_large' && <p class="error" role="alert">{s.fileTooLarge}</p>}
      <Action
        class="primary"
        name="confirm-renew"
        run={async () => {
          if (file && file.size > MAX_FILE_BYTES) return setError(tooLarge);
          const body: Json = { issuedOn: issuedOn || null, expiresOn: expiresOn || null };
          const f = await filePayload(file);
          if (f) body.file = f;
          const r = await ask('relais.documents.update', { id: doc.id, body });
          if (r.ok) done();
          else setError(r.error);
        }}
      >
        {s.save}
      </Action>
    </form>
  );
}

function DocumentForm({ added }: { added: () => void }) {
  const [kind, setKind] = useState<string>('social_security_certificate');
  const [label, setLabel] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<SyncError | null>(null);
  const [key, setKey] = useState(0);
  return (
    <form class="panel add-document" key={key} onSubmit={(e) => e.preventDefault()}>
      <label>
        {s.docKind}{' '}
        <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          {KINDS.map((k) => (
            <option value={k}>{kindWord(k)}</option>
          ))}
        </select>
      </label>
      <label>
        {s.docLabel} <input name="label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
      </label>
      <label>
        {s.docIssuedOn} <input type="date" name="issuedOn" value={issuedOn} onInput={(e) => setIssuedOn(e.currentTarget.value)} />
      </label>
      <label>
        {s.docExpiresOn} <input type="date" name="expiresOn" value={expiresOn} onInput={(e) => setExpiresOn(e.currentTarget.value)} />
      </label>
      <FilePicker file={file} onFile={setFile} />
      <ErrorNote error={error?.code === 'file_too_large' ? null : error} />
      {error?.code === 'file_too_large' && <p class="error" role="alert">{s.fileTooLarge}</p>}
      <Action
        class="primary"
        name="add-document"
        run={async () => {
          if (file && file.size > MAX_FILE_BYTES) return setError(tooLarge);
          const body: Json = { kind, label, issuedOn: issuedOn || null, expiresOn: expiresOn || null };
          const f = await filePayload(file);
          if (f) body.file = f;
          const r = await ask('relais.documents.add', { body });
          if (!r.ok) return setError(r.error);
          setError(null);
          setLabel('');
          setIssuedOn('');
          setExpiresOn('');
          setFile(null);
          setKey((n) => n + 1);
          added();
        }}
      >
        {s.addDocument}
      </Action>
    </form>
  );
}
