import { browser } from 'wxt/browser';

/** The options page talks to the background only (it holds the token). */
export const send = (m: unknown) => browser.runtime.sendMessage(m);
