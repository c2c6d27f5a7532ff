import { browser } from 'wxt/browser';

/**
 * The overlay's words come from the extension's `_locales` (keys `portal_*`), French or English
 * by the browser's language: the words stay out of the content script's 12 KB.
 */
export const m = (key: string, ...subs: (string | number)[]): string => browser.i18n.getMessage(`portal_${key}` as 'portal_open', subs.map(String)) || key;
