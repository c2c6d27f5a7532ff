import { ANY, AT_MOST_ONE, ONE, type SelectorMap } from '../selectors';


/**
 * SMart BE: the Vue 3 / Vuetify member space and the server-rendered Smart.Design.Razor
 * tools (account.ubik.be). Vuetify's `v-*` and the design system's `c-*`/`o-*` classes are
 * stable; `data-v-…` scope hashes are not and are never used. The quote form's fields are
 * found by their labels (quote-form.ts), not here. One section per page, its keys in the order the page checks
 * them (the first is the page's root, a scoped key's scope comes before it).
 */
export const SMART_QUOTE = {
  // Nouveau devis: the quote being encoded. Its fields are found by their labels (quote-form.ts).
  quoteForm: { css: 'form[data-testid="quote-form"], form.c-panel', count: ONE, required: true },
  dailyGross: { css: '[data-testid="quote-daily-gross"], #DailyGrossEstimate strong', count: AT_MOST_ONE, required: false },
} as const satisfies SelectorMap;

export const SMART_LIST = {
  // Mes devis: the quotes and their states.
  quoteList: { css: 'table[data-testid="quote-list"], table.c-table', count: ONE, required: true },
  quoteHeader: { css: 'table[data-testid="quote-list"] thead th, table.c-table thead th', count: { min: 5, max: 10 }, required: true },
  quoteRow: { css: 'table[data-testid="quote-list"] tbody tr, table.c-table tbody tr', count: ANY, required: false },
  quoteCell: { css: 'td', scope: 'quoteRow', count: { min: 5, max: 10 }, required: true },
  quoteState: { css: '.v-chip__content, .c-badge', scope: 'quoteRow', count: ONE, required: true },
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
  quoteForm: { 'smart/quote-form': 1, 'smart/razor-quote-form': 1, 'smart/razor-quote-list': 0 },
  dailyGross: { 'smart/quote-form': 1, 'smart/razor-quote-form': 1, 'smart/razor-quote-list': 0 },
  quoteList: { 'smart/quote-list': 1, 'smart/razor-quote-list': 1, 'smart/razor-quote-form': 0 },
  quoteHeader: { 'smart/quote-list': 6, 'smart/razor-quote-list': 6, 'smart/razor-quote-form': 0 },
  quoteRow: { 'smart/quote-list': 4, 'smart/razor-quote-list': 4, 'smart/razor-quote-form': 0 },
  quoteCell: { 'smart/quote-list': 24, 'smart/razor-quote-list': 24, 'smart/razor-quote-form': 0 },
  quoteState: { 'smart/quote-list': 4, 'smart/razor-quote-list': 4, 'smart/razor-quote-form': 0 },
});
