import { craAdapter } from './cra';
import { invoicesAdapter } from './invoices';
import { missionsAdapter } from './missions';

export { LITTLEBIG_MATCHES, LITTLEBIG_PATHS } from './paths';

/** Every LittleBIG Connection page Relais knows. */
export const LITTLEBIG_PAGES = [craAdapter, missionsAdapter, invoicesAdapter] as const;
