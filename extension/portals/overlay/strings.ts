import { browser } from 'wxt/browser';

/** Typed loosely: the keys are built at run time, and the tests' type check (tsconfig.json) has no generated `_locales` types. */
type Messages = { getMessage(key: string, subs: string[]): string };

/** Where a user sends a page Relais could not read (the snapshot the overlay saves). */
export const SUPPORT_ADDRESS = 'support@relais.localhost';

let words: Record<string, string> | null = null;
/** The overlay's language (the popup's choice, once the background said it). */
export let lang = 'fr';

/** The words of the language the user chose for the popup (background `portal.words`); until they arrive, the browser's. */
export const useWords = (w: { lang: string; words: Record<string, string> } | null | undefined) => {
  if (w) ({ words, lang } = w);
};

/** `2026-10` → "octobre 2026" / "October 2026", in the overlay's language. */
export const monthLabel = (month: string) => new Date(`${month}-15T12:00:00Z`).toLocaleDateString(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The overlay's words: the extension's `_locales` (keys `portal_*`), in the language the user
 * chose for the popup (useWords), else the browser's. The words stay out of the page's 12 KB.
 */
export const m = (key: string, ...subs: (string | number)[]): string => {
  const raw = words?.[key];
  if (raw !== undefined) return raw.replace(/\$ARG(\d)\$/g, (_, i: string) => String(subs[+i - 1] ?? ''));
  return (browser.i18n as unknown as Messages).getMessage(`portal_${key}`, subs.map(String)) || key;
};
