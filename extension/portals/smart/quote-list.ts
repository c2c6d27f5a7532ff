import type { SmartQuoteList, SmartQuoteState } from '../../../shared/portals/smart';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import { frCents, frDate } from '../parse';
import { all, changed, keysOf, textOf, within } from '../selectors';
import { SMART_PATHS } from './paths';
import { SMART_LIST } from './selectors';

const COLUMNS = { number: /^n°/i, client: /client/i, period: /p[ée]riode/i, amount: /montant/i, state: /statut/i } as const;

const STATES: [RegExp, SmartQuoteState][] = [
  [/approuv/i, 'approved'],
  [/refus/i, 'refused'],
  [/annul/i, 'cancelled'],
  [/envoy/i, 'sent'],
  [/brouillon/i, 'draft'],
];

/** Mes devis: each quote and its state (the client approves or refuses online; the member may cancel). */
export const quoteListAdapter = {
  portal: 'smart',
  page: 'quote-list',
  map: SMART_LIST,
  keys: keysOf(SMART_LIST),
  matches: (url: string | URL) => SMART_PATHS.quoteList.test(pathOf(url)),
  read: (doc: Document): ReadResult<SmartQuoteList> =>
    readWith(doc, quoteListAdapter, () => {
      const heads = all(doc, SMART_LIST, 'quoteHeader').map(textOf);
      const col = {} as Record<keyof typeof COLUMNS, number>;
      for (const [name, re] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, RegExp][]) {
        col[name] = heads.findIndex((h) => re.test(h));
        if (col[name] < 0) return changed('quoteHeader', heads.length, 5, 10);
      }
      return {
        quotes: all(doc, SMART_LIST, 'quoteRow').map((row) => {
          const cells = within(row, SMART_LIST, 'quoteCell').map(textOf);
          const [from, to] = (cells[col.period] ?? '').split(/[–-]\s/);
          const startsOn = frDate(from ?? '');
          const endsOn = frDate(to ?? '');
          return {
            number: cells[col.number],
            client: cells[col.client],
            ...(startsOn ? { startsOn } : {}),
            ...(endsOn ? { endsOn } : {}),
            amountCents: frCents(cells[col.amount] ?? ''),
            state: STATES.find(([re]) => re.test(textOf(within(row, SMART_LIST, 'quoteState')[0])))?.[1],
          };
        }),
      };
    }),
} satisfies PageAdapter<SmartQuoteList> & { keys: readonly (keyof typeof SMART_LIST)[] };
