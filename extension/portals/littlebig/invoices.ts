import type { LittleBigInvoicesPage, PortalInvoiceStatus } from '../../../shared/portals/littlebig';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import { frCents, frDate, frMonth } from '../parse';
import { all, changed, keysOf, textOf, within } from '../selectors';
import { LITTLEBIG_PATHS } from './paths';
import { LITTLEBIG_INVOICES } from './selectors';

/**
 * The columns read, found by their heading so that a reordered table still reads right: the
 * React page's (*N° de facture* … *Date de paiement*) and www's (*Mission* first, *N° facture*,
 * *Date de règlement*) in the one table.
 */
const COLUMNS = {
  number: /n°.*facture/i,
  mission: /^mission/i,
  period: /p[ée]riode/i,
  amount: /montant/i,
  status: /statut/i,
  paid: /paiement|r[èe]glement/i,
} as const;

const STATUSES: [RegExp, PortalInvoiceStatus][] = [
  [/sp[ée]cimen/i, 'specimen'],
  [/annul|avoir/i, 'cancelled'],
  [/client/i, 'client_paid'],
  [/pay[ée]e|r[ée]gl[ée]e/i, 'paid'],
  [/[ée]mise/i, 'issued'],
];

/** CRA / Factures > Factures: each invoice's status and payment date. */
export const invoicesAdapter = {
  portal: 'littlebig',
  page: 'invoices',
  map: LITTLEBIG_INVOICES,
  keys: keysOf(LITTLEBIG_INVOICES),
  matches: (url: string | URL) => LITTLEBIG_PATHS.invoices.test(pathOf(url)),
  read: (doc: Document): ReadResult<LittleBigInvoicesPage> =>
    readWith(doc, invoicesAdapter, () => {
      const heads = all(doc, LITTLEBIG_INVOICES, 'invoiceHeader').map(textOf);
      const col = {} as Record<keyof typeof COLUMNS, number>;
      for (const [name, re] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, RegExp][]) {
        col[name] = heads.findIndex((h) => re.test(h));
        if (col[name] < 0) return changed('invoiceHeader', heads.length, 6, 12);
      }
      return {
        invoices: all(doc, LITTLEBIG_INVOICES, 'invoiceRow').map((row) => {
          const cells = within(row, LITTLEBIG_INVOICES, 'invoiceCell').map(textOf);
          const status = STATUSES.find(([re]) => re.test(cells[col.status] ?? ''))?.[1];
          const paidOn = frDate(cells[col.paid] ?? '');
          return {
            number: cells[col.number],
            missionRef: cells[col.mission],
            month: frMonth(cells[col.period] ?? ''),
            totalCents: frCents(cells[col.amount] ?? ''),
            status,
            ...(paidOn ? { paidOn } : {}),
          };
        }),
      };
    }),
} satisfies PageAdapter<LittleBigInvoicesPage> & { keys: readonly (keyof typeof LITTLEBIG_INVOICES)[] };
