import { useState } from 'preact/hooks';
import type { SyncError } from '../lib/model';
import { localToday } from '../lib/today';
import type { CsvDialect } from './messages';
import { s } from './strings';
import { Action, ask, ErrorNote, Note, saveFile } from './ui';

/** The accountant's CSV (both dialects) and the secret ICS link of expected payouts. */
export function ExportsSection() {
  const thisYear = Number(localToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [error, setError] = useState<SyncError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [ics, setIcs] = useState<string | null>(null);
  const csv = async (dialect: CsvDialect) => {
    const r = await ask('relais.exports.csv', { year, dialect });
    if (r.ok) {
      // One name per dialect, so both can sit side by side in the downloads folder.
      const file = dialect === 'excel-fr' && !/excel/i.test(r.value.filename) ? { ...r.value, filename: r.value.filename.replace(/(\.csv)?$/i, '-excel.csv') } : r.value;
      saveFile(file);
      setNote(s.downloaded(file.filename));
    }
    setError(r.ok ? null : r.error);
  };
  return (
    <section class="exports-section">
      <h2>{s.csv}</h2>
      <label>
        {s.year}{' '}
        <select name="csv-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {[0, 1, 2, 3].map((n) => (
            <option value={thisYear - n}>{thisYear - n}</option>
          ))}
        </select>
      </label>
      <div class="stack">
        <Action name="csv-rfc4180" run={() => csv('rfc4180')}>
          {s.download} · {s.csvStandard}
        </Action>
        <Action name="csv-excel-fr" run={() => csv('excel-fr')}>
          {s.download} · {s.csvExcel}
        </Action>
      </div>
      {note && <Note>{note}</Note>}
      <h2>{s.ics}</h2>
      <p class="muted">{s.icsHelp}</p>
      <Action
        name="ics"
        run={async () => {
          const r = await ask('relais.exports.calendar', {});
          if (r.ok) setIcs(r.value.url);
          setError(r.ok ? null : r.error);
        }}
      >
        {s.icsCreate}
      </Action>
      {ics && (
        <p class="secret">
          {s.icsUrl} <code data-testid="ics-url">{ics}</code>
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
