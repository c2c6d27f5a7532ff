import { ANY, AT_MOST_ONE, ONE, type SelectorMap } from '../selectors';

const FORM = { 'smart/quote-form': 1, 'smart/quote-list': 0 };

/**
 * SMart BE member space (Vue 3, Vuetify). Vuetify's `v-*` classes are stable; the
 * `data-v-…` scope hashes are not and are never used. Fields are found by data-testid,
 * `name` or their ARIA label, since the inputs have no ids. One section per page, its keys in the order the page checks
 * them (the first is the page's root, a scoped key's scope comes before it).
 */
export const SMART_QUOTE = {
  // Nouveau devis: the quote being encoded.
  quoteForm: { css: 'form[data-testid="quote-form"]', count: ONE, required: true },
  client: { css: 'input[data-testid="quote-client"]', count: ONE, required: true },
  contractType: { css: 'select[name="contractType"]', count: ONE, required: true },
  startsOn: { css: 'input[name="dateFrom"]', count: ONE, required: true },
  endsOn: { css: 'input[name="dateTo"]', count: ONE, required: true },
  days: { css: 'input[aria-label="Nombre de jours"]', count: ONE, required: true },
  amount: { css: 'input[aria-label="Montant à facturer (HTVA)"]', count: ONE, required: true },
  partTime: { css: 'input[type="checkbox"][name="partTime"]', count: AT_MOST_ONE, required: false },
  dailyGross: { css: '[data-testid="quote-daily-gross"]', count: AT_MOST_ONE, required: false },
  finalize: { css: '[data-testid="quote-finalize"]', count: AT_MOST_ONE, required: false },
} as const satisfies SelectorMap;

export const SMART_LIST = {
  // Mes devis: the quotes and their states.
  quoteList: { css: 'table[data-testid="quote-list"]', count: ONE, required: true },
  quoteHeader: { css: 'table[data-testid="quote-list"] thead th', count: { min: 5, max: 10 }, required: true },
  quoteRow: { css: 'table[data-testid="quote-list"] tbody tr', count: ANY, required: false },
  quoteCell: { css: 'td', scope: 'quoteRow', count: { min: 5, max: 10 }, required: true },
  quoteState: { css: '.v-chip__content', scope: 'quoteRow', count: ONE, required: true },
} as const satisfies SelectorMap;

/** The portal's one map, a section per page: each overlay bundle carries only its page's section. */
export const SMART = { ...SMART_QUOTE, ...SMART_LIST } as const satisfies SelectorMap;

export type SmartKey = keyof typeof SMART;

/**
 * The fixture pages (test/fixtures/portals/fixtures.json) each selector is held against, with
 * the matches expected on each (test/portals/selectors.test.ts). Kept beside the map, typed so
 * that every key lists its pages; a function, so the content script's bundle drops it.
 */
export const smartFixtures = (): Record<SmartKey, Readonly<Record<string, number>>> => ({
  // Nouveau devis: the quote being encoded.
  quoteForm: FORM,
  client: FORM,
  contractType: FORM,
  startsOn: FORM,
  endsOn: FORM,
  days: FORM,
  amount: FORM,
  partTime: FORM,
  dailyGross: FORM,
  finalize: FORM,
  // Mes devis: the quotes and their states.
  quoteList: { 'smart/quote-list': 1, 'smart/quote-form': 0 },
  quoteHeader: { 'smart/quote-list': 6 },
  quoteRow: { 'smart/quote-list': 4 },
  quoteCell: { 'smart/quote-list': 24 },
  quoteState: { 'smart/quote-list': 4 },
});
