import { quoteFormAdapter } from './quote-form';
import { quoteListAdapter } from './quote-list';

/** Every SMart BE page Relais knows. */
export const SMART_PAGES = [quoteFormAdapter, quoteListAdapter] as const;

/** Where the content script runs (the manifest's `matches`); a custom host is added at runtime. */
export const SMART_MATCHES = ['https://my.smartbe.be/*'];
