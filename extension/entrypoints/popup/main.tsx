import { render } from 'preact';
import { locale } from '../../lib/i18n';
import { CACHE_KEYS, Popup, selectedKey } from '../../popup/popup';
import { loadSnapshot, readPaintSnapshot, savePaintSnapshot } from '../../popup/use-store';
import { localToday } from '../../lib/today';
import '../../popup/style.css';

document.body.dataset.scriptMs = String(Math.round(performance.now()));
document.documentElement.lang = locale;
const app = document.getElementById('app')!;
/** Marks cached data on screen (for the e2e and the bench): the empty frame the popup shows while it waits for storage does not count. */
const painted = () => {
  if (!app.querySelector('.tabs')) return false;
  document.body.dataset.ready = '1';
  document.body.dataset.renderedMs = String(Math.round(performance.now()));
  return true;
};
// Cached data first: the last open's snapshot, synchronously; then storage (which replaces
// it within milliseconds); the background refreshes from the API after. The next open's
// snapshot is written once this one is rendered (serialising the cache took 1-2 ms of a
// first open).
const snapshot = readPaintSnapshot();
const early = !!snapshot && (render(<Popup initial={snapshot} stale />, app), painted());
void loadSnapshot(CACHE_KEYS, (cache) => selectedKey(cache, localToday())).then((initial) => {
  document.body.dataset.storageMs = String(Math.round(performance.now()));
  // No snapshot, or one it could not paint from: storage's values, at once (a new Popup, not the waiting one).
  if (!early) {
    render(<Popup key="fresh" initial={initial} />, app);
    painted();
  }
  savePaintSnapshot(initial);
});
