import type { LittleBigMissionsPage, LittleBigMission } from '../../../shared/portals/littlebig';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import { frCents, frNumber } from '../parse';
import { all, changed, keysOf, textOf, within } from '../selectors';
import { LITTLEBIG_PATHS } from './paths';
import { LITTLEBIG_MISSIONS } from './selectors';

/** `"151,5 j / 200 j · 98 475,00 € / 130 000,00 €"` → days and amounts consumed over budget. */
function consumption(text: string): Partial<LittleBigMission> {
  const out: Partial<LittleBigMission> = {};
  const days = /([\d\s,.]+)\s*j\s*\/\s*([\d\s,.]+)\s*j/.exec(text);
  if (days) {
    const used = frNumber(days[1]!);
    const budget = frNumber(days[2]!);
    if (used !== null && !Number.isNaN(used)) out.consumedDays = used;
    if (budget !== null && !Number.isNaN(budget)) out.budgetDays = budget;
  }
  const amounts = /([\d\s\u00a0\u202f,.]+)€\s*\/\s*([\d\s\u00a0\u202f,.]+)€/.exec(text);
  if (amounts) {
    const used = frCents(amounts[1]!);
    const budget = frCents(amounts[2]!);
    if (used !== undefined) out.consumedCents = used;
    if (budget !== undefined) out.budgetCents = budget;
  }
  return out;
}

/**
 * A mission's facts by their labels: the text of each `dd` whose `dt` matches, in page order.
 * The React card pairs them in a `div` each, www lists them bare; both keep the `dd` right
 * after its `dt`. Consumption is one fact on the React card (*Budget consommé*) and two on
 * www's (*Jours consommés*, *Montant consommé*): read together, they say the same.
 */
const factsOf = (card: Element) => {
  const pairs = within(card, LITTLEBIG_MISSIONS, 'cardLabel').map((dt) => {
    const dd = dt.nextElementSibling;
    return [textOf(dt), dd?.tagName === 'DD' ? textOf(dd) : ''] as const;
  });
  return (label: RegExp) => pairs.filter(([l]) => label.test(l)).map(([, value]) => value);
};

/** Mes missions: each mission's purchase order and budget consumption. */
export const missionsAdapter = {
  portal: 'littlebig',
  page: 'missions',
  map: LITTLEBIG_MISSIONS,
  keys: keysOf(LITTLEBIG_MISSIONS),
  matches: (url: string | URL) => LITTLEBIG_PATHS.missions.test(pathOf(url)),
  read: (doc: Document): ReadResult<LittleBigMissionsPage> =>
    readWith(doc, missionsAdapter, () => {
      const missions: LittleBigMission[] = [];
      for (const card of all(doc, LITTLEBIG_MISSIONS, 'missionCard')) {
        const fact = factsOf(card);
        // A labelled fact first (www), else the card's header and chip (React).
        const missionRef = fact(/^r[ée]f[ée]rence|^n° de mission/i)[0] || textOf(within(card, LITTLEBIG_MISSIONS, 'cardRef')[0]);
        const status = fact(/^statut|^[ée]tat/i)[0] || textOf(within(card, LITTLEBIG_MISSIONS, 'cardStatus')[0]);
        if (!missionRef) return changed('cardRef', 0);
        if (!status) return changed('cardStatus', 0);
        const order = fact(/bon de commande|^bdc/i)[0];
        missions.push({
          missionRef,
          title: textOf(within(card, LITTLEBIG_MISSIONS, 'cardTitle')[0]),
          status: /en cours/i.test(status) ? 'running' : /termin/i.test(status) ? 'ended' : 'other',
          ...(order ? { purchaseOrder: order } : {}),
          ...consumption(fact(/consomm/i).join(' · ')),
        });
      }
      return { missions };
    }),
} satisfies PageAdapter<LittleBigMissionsPage> & { keys: readonly (keyof typeof LITTLEBIG_MISSIONS)[] };
