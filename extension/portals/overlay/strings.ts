import { browser } from 'wxt/browser';

/** Typed loosely: the keys are built at run time, and the tests' type check (tsconfig.json) has no generated `_locales` types. */
type Messages = { getMessage(key: string, subs: string[]): string };
/**
 * The overlay's words come from the extension's `_locales` (keys `portal_*`), French or English
 * by the browser's language: the words stay out of the page's 12 KB.
 */
export const m = (key: string, ...subs: (string | number)[]): string => (browser.i18n as unknown as Messages).getMessage(`portal_${key}`, subs.map(String)) || key;
