import { quoteFormAdapter } from './quote-form';
import { quoteListAdapter } from './quote-list';

export { SMART_MATCHES, SMART_PATHS } from './paths';

/** Every SMart BE page Relais knows. */
export const SMART_PAGES = [quoteFormAdapter, quoteListAdapter] as const;
