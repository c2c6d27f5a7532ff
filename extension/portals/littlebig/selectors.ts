import { ANY, AT_MOST_ONE, MONTH_DAYS, ONE, type SelectorMap } from '../selectors';


/**
 * LittleBIG Connection: the React/MUI pages and www's jQuery/BEM ones. Selectors prefer
 * data-testids, ids, ARIA roles, labels and element types, then MUI's component classes (stable
 * across deploys), and the adapters read headings' and labels' text; never emotion's `css-…` or
 * styled-components' `sc-…` hashes, which change with every build. One section per page, its
 * keys in the order the page checks them (the first is the page's root, a scoped key's scope
 * comes before it).
 */
export const LITTLEBIG_CRA = {
  // The CRA calendar of a mission month. Two renderings are known (test/fixtures/portals):
  // the React/MUI app's (data-testids, ARIA grid) and www's jQuery/BEM pages (ids, a table
  // whose cells carry `data-date`). Days are found by the full date each cell carries
  // (its data-date, its label or its input's), never by position or by class.
  craPage: { css: '[data-testid="cra-page"], #wrapper_content', count: ONE, required: true },
  calendar: { css: '[role="grid"], table.cra-calendar', count: { min: 1, max: 6 }, required: true },
  dayCell: { css: '[role="gridcell"], td[data-date]', scope: 'calendar', count: MONTH_DAYS, required: true },
  dayInput: { css: 'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"])', scope: 'dayCell', count: ONE, required: true },
  missionRef: { css: '[data-testid="cra-mission"] strong, .cra__mission-ref, [data-mission-ref]', count: { min: 1, max: 6 }, required: true },
  monthLabel: { css: '[data-testid="cra-month-label"], .wrapper__title, h1, h2', count: { min: 1, max: 12 }, required: true },
  status: { css: '[data-testid="cra-status"], .cra__status', count: ONE, required: true },
  prevMonth: { css: '[aria-label="Mois précédent"], [aria-label="Previous month"]', count: AT_MOST_ONE, required: false },
  nextMonth: { css: '[aria-label="Mois suivant"], [aria-label="Next month"]', count: AT_MOST_ONE, required: false },
  total: { css: '[data-testid="cra-total"] strong, .cra__total strong', count: AT_MOST_ONE, required: false },
  validation: { css: '[data-testid="cra-validation"], .MuiAlert-standardSuccess .MuiAlert-message, .alert--success', count: AT_MOST_ONE, required: false },
  refusalComment: { css: '[data-testid="cra-refusal-comment"], .alert--error p', count: AT_MOST_ONE, required: false },
  expenseRow: { css: '[data-testid="cra-expenses"] tbody tr, table.cra-expenses tbody tr', count: { min: 0, max: 62 }, required: false },
  expenseCell: { css: 'td', scope: 'expenseRow', count: { min: 4, max: 4 }, required: true },
} as const satisfies SelectorMap;

export const LITTLEBIG_MISSIONS = {
  // Mes missions: purchase orders and budget consumption. Two renderings are known: the React
  // app's MUI cards and www's jQuery/BEM articles (test/fixtures/portals). A mission's facts are
  // read from its `dt`/`dd` pairs by their labels (missions.ts); the MUI card shows its
  // reference and status outside them, in its header and chip, hence the two optional keys.
  missionsPage: { css: '[data-testid="missions-page"], #wrapper_content', count: ONE, required: true },
  missionCard: { css: '[data-testid="mission-card"], #wrapper_content article', count: ANY, required: false },
  cardTitle: { css: '.MuiCardHeader-title, h2, h3', scope: 'missionCard', count: ONE, required: true },
  cardLabel: { css: 'dt', scope: 'missionCard', count: { min: 1, max: 20 }, required: true },
  cardRef: { css: '.MuiCardHeader-subheader', scope: 'missionCard', count: AT_MOST_ONE, required: false },
  cardStatus: { css: '.MuiChip-label', scope: 'missionCard', count: AT_MOST_ONE, required: false },
} as const satisfies SelectorMap;

export const LITTLEBIG_INVOICES = {
  // CRA / Factures > Factures (Factures Connect), or www's Mes factures: one table, its columns
  // found by their headings' text (invoices.ts), so the order and the classes do not matter.
  invoicesPage: { css: '[data-testid="invoices-page"], #wrapper_content', count: ONE, required: true },
  invoiceTable: { css: '[data-testid="invoices-table"], #wrapper_content table', count: ONE, required: true },
  invoiceHeader: { css: 'thead th', scope: 'invoiceTable', count: { min: 6, max: 12 }, required: true },
  invoiceRow: { css: 'tbody tr', scope: 'invoiceTable', count: { min: 0, max: 500 }, required: false },
  invoiceCell: { css: 'td', scope: 'invoiceRow', count: { min: 6, max: 12 }, required: true },
} as const satisfies SelectorMap;

/** The portal's one map, a section per page: each overlay bundle carries only its page's section. */
export const LITTLEBIG = { ...LITTLEBIG_CRA, ...LITTLEBIG_MISSIONS, ...LITTLEBIG_INVOICES } as const satisfies SelectorMap;

export type LittleBigKey = keyof typeof LITTLEBIG;

/**
 * The fixture pages (test/fixtures/portals/fixtures.json) each selector is held against, with
 * the matches expected on each (test/portals/selectors.test.ts). Kept beside the map, typed so
 * that every key lists its pages; a function, so the content script's bundle drops it.
 */
export const littlebigFixtures = (): Record<LittleBigKey, Readonly<Record<string, number>>> => ({
  craPage: { 'littlebig/cra-to-fill': 1, 'littlebig/cra-submitted': 1, 'littlebig/cra-validated': 1, 'littlebig/cra-refused': 1, 'littlebig/cra-renamed': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1, 'littlebig/missions': 0 },
  calendar: { 'littlebig/cra-to-fill': 1, 'littlebig/cra-submitted': 1, 'littlebig/cra-validated': 1, 'littlebig/cra-refused': 1, 'littlebig/cra-renamed': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1, 'littlebig/invoices': 0 },
  dayCell: { 'littlebig/cra-to-fill': 31, 'littlebig/cra-submitted': 30, 'littlebig/cra-validated': 31, 'littlebig/cra-refused': 31, 'littlebig/cra-renamed': 30, 'littlebig/www-cra-to-fill': 31, 'littlebig/www-cra-validated': 31, 'littlebig/invoices': 0 },
  dayInput: { 'littlebig/cra-to-fill': 31, 'littlebig/cra-submitted': 30, 'littlebig/cra-validated': 31, 'littlebig/cra-refused': 31, 'littlebig/cra-renamed': 30, 'littlebig/www-cra-to-fill': 31, 'littlebig/www-cra-validated': 31, 'littlebig/invoices': 0 },
  missionRef: { 'littlebig/cra-to-fill': 1, 'littlebig/cra-submitted': 1, 'littlebig/cra-validated': 1, 'littlebig/cra-refused': 1, 'littlebig/cra-renamed': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1, 'littlebig/invoices': 0 },
  monthLabel: { 'littlebig/cra-to-fill': 3, 'littlebig/cra-submitted': 3, 'littlebig/cra-validated': 3, 'littlebig/cra-refused': 3, 'littlebig/cra-renamed': 3, 'littlebig/missions': 1, 'littlebig/invoices': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1 },
  status: { 'littlebig/cra-to-fill': 1, 'littlebig/cra-submitted': 1, 'littlebig/cra-validated': 1, 'littlebig/cra-refused': 1, 'littlebig/cra-renamed': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1, 'littlebig/invoices': 0 },
  prevMonth: { 'littlebig/cra-to-fill': 1, 'littlebig/cra-submitted': 1, 'littlebig/cra-validated': 1, 'littlebig/cra-refused': 1, 'littlebig/cra-renamed': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1, 'littlebig/invoices': 0 },
  nextMonth: { 'littlebig/cra-to-fill': 1, 'littlebig/cra-submitted': 1, 'littlebig/cra-validated': 1, 'littlebig/cra-refused': 1, 'littlebig/cra-renamed': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1, 'littlebig/invoices': 0 },
  total: { 'littlebig/cra-to-fill': 1, 'littlebig/cra-submitted': 1, 'littlebig/cra-validated': 1, 'littlebig/cra-refused': 1, 'littlebig/cra-renamed': 1, 'littlebig/www-cra-to-fill': 1, 'littlebig/www-cra-validated': 1, 'littlebig/invoices': 0 },
  validation: { 'littlebig/cra-validated': 1, 'littlebig/www-cra-validated': 1, 'littlebig/www-cra-to-fill': 0 },
  refusalComment: { 'littlebig/cra-refused': 1, 'littlebig/www-cra-validated': 0 },
  expenseRow: { 'littlebig/cra-submitted': 1, 'littlebig/cra-refused': 1, 'littlebig/www-cra-validated': 0 },
  expenseCell: { 'littlebig/cra-submitted': 4, 'littlebig/cra-refused': 4, 'littlebig/www-cra-validated': 0 },
  // The www list pages share `#wrapper_content` with the www CRA pages (the URL tells them
  // apart); on a CRA page the invoices' keys find the calendar's table, whose headings are
  // not an invoice's: invoices.ts reads it as a breakage of invoiceHeader (adapters.test.ts).
  missionsPage: { 'littlebig/missions': 1, 'littlebig/www-missions': 1, 'littlebig/invoices': 0 },
  missionCard: { 'littlebig/missions': 3, 'littlebig/www-missions': 3, 'littlebig/www-invoices': 0 },
  cardTitle: { 'littlebig/missions': 3, 'littlebig/www-missions': 3, 'littlebig/www-invoices': 0 },
  cardLabel: { 'littlebig/missions': 12, 'littlebig/www-missions': 21, 'littlebig/www-invoices': 0 },
  cardRef: { 'littlebig/missions': 3, 'littlebig/www-missions': 0 },
  cardStatus: { 'littlebig/missions': 3, 'littlebig/www-missions': 0 },
  invoicesPage: { 'littlebig/invoices': 1, 'littlebig/www-invoices': 1, 'littlebig/missions': 0 },
  invoiceTable: { 'littlebig/invoices': 1, 'littlebig/www-invoices': 1, 'littlebig/www-missions': 0, 'littlebig/www-cra-validated': 1 },
  invoiceHeader: { 'littlebig/invoices': 7, 'littlebig/www-invoices': 7, 'littlebig/www-missions': 0, 'littlebig/www-cra-validated': 7 },
  invoiceRow: { 'littlebig/invoices': 6, 'littlebig/www-invoices': 6, 'littlebig/www-missions': 0 },
  invoiceCell: { 'littlebig/invoices': 42, 'littlebig/www-invoices': 42, 'littlebig/www-missions': 0 },
});
