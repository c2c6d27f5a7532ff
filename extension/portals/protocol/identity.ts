/**
 * Identity before anything: the month and the mission a page is about, from every source it
 * offers. They must all agree, and the URL, the heading and the cells must each say something;
 * otherwise nothing is filled and the user is told which sources disagree.
 */

export type IdentitySource = 'url' | 'heading' | 'cells' | 'mission';

export type IdentityFacts = {
  /** The month and mission reference the URL names (null: the URL names none). */
  url: { month: string; missionRef: string } | null;
  /** Every month a heading of the page names (title, month label, calendar caption). */
  headingMonths: readonly string[];
  /** Every month the day cells' own full dates fall in. */
  cellMonths: readonly string[];
  /** Every mission reference the page shows. */
  missionRefs: readonly string[];
};

export type Identity = { ok: true; month: string; missionRef: string } | { ok: false; disagree: { source: IdentitySource; saw: string }[] };

/** `M-48213`, `m 48213` → `M48213`: references compared on their letters and digits. */
export const refKey = (ref: string) => ref.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Whether the URL's reference names the page's: equal, or the page's digits when the URL carries only a number (`/rfp/48213`). */
const sameRef = (url: string, page: string) => refKey(url) === refKey(page) || (/^\d+$/.test(refKey(url)) && refKey(page).replace(/\D/g, '') === refKey(url));

/**
 * @example identityOf({ url: { month: '2026-11', missionRef: 'M-1' }, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-1'] })
 * // { ok: false, disagree: [{ source: 'url', saw: '2026-11' }, { source: 'heading', saw: '2026-10' }, { source: 'cells', saw: '2026-10' }] }
 */
export function identityOf(f: IdentityFacts): Identity {
  const months = new Set([...(f.url ? [f.url.month] : []), ...f.headingMonths, ...f.cellMonths]);
  const refs = new Set(f.missionRefs.map(refKey));
  const monthOk = months.size === 1 && !!f.url && f.headingMonths.length > 0 && f.cellMonths.length > 0;
  const refOk = refs.size === 1 && !!f.url && sameRef(f.url.missionRef, f.missionRefs[0]!);
  if (monthOk && refOk) return { ok: true, month: f.url!.month, missionRef: f.missionRefs[0]! };
  const disagree: { source: IdentitySource; saw: string }[] = [];
  if (!monthOk) {
    disagree.push({ source: 'url', saw: f.url?.month ?? '—' }, { source: 'heading', saw: f.headingMonths.join(', ') || '—' }, { source: 'cells', saw: f.cellMonths.join(', ') || '—' });
  }
  if (!refOk) {
    if (monthOk) disagree.push({ source: 'url', saw: f.url?.missionRef ?? '—' });
    disagree.push({ source: 'mission', saw: f.missionRefs.join(', ') || '—' });
  }
  return { ok: false, disagree };
}
