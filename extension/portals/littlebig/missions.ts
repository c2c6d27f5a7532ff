import type { LittleBigMissionsPage, LittleBigMission } from '../../../shared/portals/littlebig';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import { frCents, frNumber } from '../parse';
import { all, keysOf, textOf, within } from '../selectors';
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

/** Mes missions: each mission's purchase order and budget consumption. */
export const missionsAdapter = {
  portal: 'littlebig',
  page: 'missions',
  map: LITTLEBIG_MISSIONS,
  keys: keysOf(LITTLEBIG_MISSIONS),
  matches: (url: string | URL) => LITTLEBIG_PATHS.missions.test(pathOf(url)),
  read: (doc: Document): ReadResult<LittleBigMissionsPage> =>
    readWith(doc, missionsAdapter, () => ({
      missions: all(doc, LITTLEBIG_MISSIONS, 'missionCard').map((card) => {
        const status = textOf(within(card, LITTLEBIG_MISSIONS, 'cardStatus')[0]);
        const order = textOf(within(card, LITTLEBIG_MISSIONS, 'cardOrder')[0]);
        return {
          missionRef: textOf(within(card, LITTLEBIG_MISSIONS, 'cardRef')[0]),
          title: textOf(within(card, LITTLEBIG_MISSIONS, 'cardTitle')[0]),
          status: /en cours/i.test(status) ? 'running' : /termin/i.test(status) ? 'ended' : 'other',
          ...(order ? { purchaseOrder: order } : {}),
          ...consumption(textOf(within(card, LITTLEBIG_MISSIONS, 'cardConsumption')[0])),
        };
      }),
    })),
} satisfies PageAdapter<LittleBigMissionsPage> & { keys: readonly (keyof typeof LITTLEBIG_MISSIONS)[] };
