import { craAdapter } from './cra';
import { invoicesAdapter } from './invoices';
import { missionsAdapter } from './missions';

/** Every LittleBIG Connection page Relais knows. */
export const LITTLEBIG_PAGES = [craAdapter, missionsAdapter, invoicesAdapter] as const;

/** Where the content script runs (the manifest's `matches`); a custom host is added at runtime. */
export const LITTLEBIG_MATCHES = ['https://app.littlebigconnection.com/*'];
