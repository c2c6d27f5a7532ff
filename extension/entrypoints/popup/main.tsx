import { render } from 'preact';
import { CACHE_KEYS, Popup, selectedKey } from '../../popup/popup';
import { loadSnapshot } from '../../popup/use-store';
import { localToday } from '../../lib/today';
import '../../popup/style.css';

document.body.dataset.scriptMs = String(Math.round(performance.now()));
document.documentElement.lang = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
// Cached data first: read storage, render once, synchronously; the background refreshes after.
void loadSnapshot(CACHE_KEYS, (cache) => selectedKey(cache, localToday())).then((initial) => {
  document.body.dataset.storageMs = String(Math.round(performance.now()));
  render(<Popup initial={initial} />, document.getElementById('app')!);
  document.body.dataset.ready = '1';
  document.body.dataset.renderedMs = String(Math.round(performance.now()));
});
