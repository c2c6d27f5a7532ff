import { useEffect, useState } from 'preact/hooks';
import { locale } from '../lib/i18n';

type Wording = typeof import('../lib/api-errors');
let loaded: Wording | null = null;
/** The API error wording tables (every code, both languages) load when the popup first shows an error: they are a third of its JavaScript. */
export const loadApiErrors = (): Promise<Wording> => import('../lib/api-errors').then((w) => (loaded = w));

/** An API refusal in the user's language; the words arrive with their tables, a moment after the first error. */
export function ApiErrorText({ error, prefix = '' }: { error: unknown; prefix?: string }) {
  const [, ready] = useState(!!loaded);
  useEffect(() => {
    if (!loaded) void loadApiErrors().then(() => ready(true));
  }, []);
  return <>{loaded ? prefix + loaded.apiErrorText(error, locale) : prefix}</>;
}

/** The same as a string, for a message set from an event handler. */
export const apiErrorString = async (error: unknown) => (await loadApiErrors()).apiErrorText(error, locale);
