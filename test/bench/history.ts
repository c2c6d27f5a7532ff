/**
 * The bench's two users, lived through the real API day by day with a walking clock: what a
 * freelancer and the extension send over the years (CRA saves with `Idempotency-Key` and
 * `If-Match`, submits, validations, payouts marked paid), with a scheduler pass every morning
 * so reminders, outbox events and email deliveries pile up as they do in production.
 *
 * - typical: 3 missions running side by side for 2 years (a LittleBIG one renewed once, two
 *   direct clients), about 5 days a week in all, the CRA saved every Friday.
 * - heavy: 60 missions over 6½ years (one starting every 36 days, each 10 months long, 2 days
 *   a month), never archived, so all 60 are on the dashboard. Validations start in January
 *   2020: the API refuses a `validatedOn` before 2020-01-01.
 */
import { addDays, datesBetween, isoWeekday, monthOf, type IsoDate } from '../../shared/dates';
import { isWorkingDay, workingDaysOfMonth } from '../../shared/calendar/working-days';
import { runScheduler } from '../../worker/notifications/scheduler';
import { directMission, littlebigMission, sellerProfile, type TestApi } from '../helpers/api';

export const TODAY = '2026-05-20';
export const TYPICAL_EMAIL = 'typical@bench.relais.test';
export const HEAVY_EMAIL = 'heavy@bench.relais.test';

type User = { email: string; token: string };
type Mission = { id: string; user: User; startsOn: IsoDate; endsOn: IsoDate; worksOn: (date: IsoDate) => boolean; weekly: boolean };

/** A French VAT number for the seller profile's SIREN (key = (12 + 3 × (SIREN mod 97)) mod 97). */
const siren = sellerProfile.siret.slice(0, 9);
const vatNumber = `FR${String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0')}${siren}`;
/** Full-time rates cross the VAT franchise within months: both users charge VAT. */
const profile = { ...sellerProfile, vatRegime: 'standard', vatNumber };

/** LittleBIG contracts signed before 2025-04-28 are back-to-back (shared/payout/regimes.ts). */
const planOf = (signedOn: IsoDate) => (signedOn < '2025-04-28' ? 'back_to_back' : littlebigMission.plan);

let keySeq = 0;
const newKey = () => `bench-${(keySeq++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export async function liveHistories(api: TestApi) {
  const call = async (user: User, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const t = performance.now();
    const res = await api.request(method, path, { token: user.token, body, headers });
    timing.requestsMs += performance.now() - t;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json;
  };
  /** What happens on a given day, run after that morning's scheduler pass. */
  const agenda = new Map<IsoDate, (() => Promise<void>)[]>();
  const on = (date: IsoDate, step: () => Promise<void>) => {
    const list = agenda.get(date) ?? [];
    list.push(step);
    agenda.set(date, list);
  };
  const revisions = new Map<string, number>();
  const missions: Mission[] = [];
  const timing = { requestsMs: 0, schedulerMs: 0 };

  /** The month's days so far, saved as the extension does (new key, the revision it edits). */
  const save = async (m: Mission, month: string, upTo: IsoDate) => {
    const days: Record<string, number> = {};
    for (const d of workingDaysOfMonth(month)) if (d <= upTo && d >= m.startsOn && d <= m.endsOn && m.worksOn(d)) days[d] = 1;
    const k = `${m.id}/${month}`;
    const cra = await call(m.user, 'PUT', `/v1/missions/${m.id}/cras/${month}`, { days, lines: [] }, {
      'idempotency-key': newKey(),
      'if-match': `"${revisions.get(k) ?? 0}"`,
    });
    revisions.set(k, cra.revision);
    return Object.keys(days).length;
  };
  /** Month's end: the last save, submit, then validation (and the invoice) on the next month's second working day. */
  const closeMonth = (m: Mission, month: string, validateOn: IsoDate) => {
    on(validateOn, async () => {
      if ((await save(m, month, `${month}-31`)) === 0) return;
      const k = `${m.id}/${month}`;
      const path = `/v1/missions/${m.id}/cras/${month}`;
      const submitted = await call(m.user, 'POST', `${path}/submit`, undefined, { 'idempotency-key': newKey(), 'if-match': `"${revisions.get(k)}"` });
      const body = { validatedOn: validateOn, acknowledgeVatThreshold: true };
      const validated = await call(m.user, 'POST', `${path}/validate`, body, { 'if-match': `"${submitted.revision}"` });
      const invoice = validated.invoice as { id: string; payoutEarliest: string | null; dueOn: string };
      // The payout arrives on its earliest date (or the due date), and is marked paid that day.
      const paidOn = [invoice.payoutEarliest ?? invoice.dueOn, addDays(validateOn, 1)].sort()[1]!;
      const paid = async () => void (await call(m.user, 'POST', `/v1/invoices/${invoice.id}/paid`, { paidOn }, { 'idempotency-key': newKey() }));
      if (paidOn < TODAY) on(paidOn, paid);
    });
  };
  const secondWorkingDay = (month: string) => workingDaysOfMonth(month)[1]!;
  const nextMonth = (month: string) => monthOf(addDays(`${month}-28`, 7));

  /** Plans a mission's months: saves on Fridays (weekly) or at the month's end only, closes each month. */
  const plan = (m: Mission) => {
    missions.push(m);
    if (m.weekly) {
      for (const d of datesBetween(m.startsOn, m.endsOn < TODAY ? m.endsOn : TODAY)) {
        if (isoWeekday(d) === 5 && isWorkingDay(d)) on(d, async () => void (await save(m, monthOf(d), d)));
      }
    }
    for (let month = monthOf(m.startsOn); month < monthOf(TODAY) && month <= monthOf(m.endsOn); month = nextMonth(month)) {
      closeMonth(m, month, secondWorkingDay(nextMonth(month)));
    }
  };

  const signUp = async (email: string) => {
    const token = await api.signIn(email);
    await call({ email, token }, 'PUT', '/v1/profile', profile);
    return { email, token };
  };

  let typical: User | undefined;
  let heavy: User | undefined;
  on('2019-11-25', async () => {
    heavy = await signUp(HEAVY_EMAIL);
    for (let k = 0; k < 60; k++) {
      const startsOn = addDays('2019-12-02', k * 36);
      const endsOn = addDays(startsOn, 300);
      // Two working days a month, a different pair for each mission.
      const worksOn = (d: IsoDate) => {
        const wd = workingDaysOfMonth(monthOf(d));
        return d === wd[k % 10] || d === wd[(k % 10) + 10];
      };
      const create = async () => {
        const body = k % 2
          ? { ...directMission, clientName: `Client ${k}`, reference: `BDC-${k}`, startsOn, endsOn, budgetDays: 40 }
          : {
            ...littlebigMission, clientName: `Client ${k}`, reference: `BDC-${k}`,
            contractSignedOn: addDays(startsOn, -7), plan: planOf(addDays(startsOn, -7)), startsOn, endsOn, budgetDays: 40,
          };
        const created = await call(heavy!, 'POST', '/v1/missions', body, { 'idempotency-key': newKey() });
        plan({ id: created.id, user: heavy!, startsOn, endsOn, worksOn, weekly: false });
      };
      on(addDays(startsOn, -7), create);
    }
  });
  on('2024-05-20', async () => {
    typical = await signUp(TYPICAL_EMAIL);
  });
  on('2024-05-27', async () => {
    const u = typical!;
    const create = (body: object) => call(u, 'POST', '/v1/missions', body, { 'idempotency-key': newKey() });
    const since = { startsOn: '2024-06-03', endsOn: '2026-12-31' };
    const a = await create({
      ...littlebigMission, contractSignedOn: '2024-05-27', plan: planOf('2024-05-27'), ...since, endsOn: '2025-05-30', budgetDays: 160, daysPerWeek: 3,
    });
    const b = await create({ ...directMission, clientName: 'ACME SA', ...since, budgetDays: 120, daysPerWeek: 1 });
    const globex = { clientName: 'Globex SARL', clientSiren: '443061841', reference: 'PO-7781' };
    const c = await create({ ...directMission, ...globex, ...since, budgetDays: 120, daysPerWeek: 1 });
    const weekdays = (...w: number[]) => (d: IsoDate) => w.includes(isoWeekday(d));
    plan({ id: a.id, user: u, startsOn: '2024-06-03', endsOn: '2026-12-31', worksOn: weekdays(1, 2, 3), weekly: true });
    plan({ id: b.id, user: u, startsOn: '2024-06-03', endsOn: '2026-12-31', worksOn: weekdays(4), weekly: true });
    plan({ id: c.id, user: u, startsOn: '2024-06-03', endsOn: '2026-12-31', worksOn: weekdays(5), weekly: true });
    const renewal = { startsOn: '2025-06-02', endsOn: '2026-12-31', budgetDays: 250 };
    on('2025-05-19', async () => void (await call(u, 'POST', `/v1/missions/${a.id}/renewals`, renewal, { 'idempotency-key': newKey() })));
  });

  // Notification mails are not written out (the deliveries are still claimed, built and marked
  // sent): thousands of .eml files would only slow the seeding. Sign-in codes still go to the mailbox.
  const mailbox = api.deps.mailer;
  api.deps.mailer = {
    kind: mailbox.kind,
    send: (mail) => (/code de connexion|sign-in code/i.test(mail.subject) ? mailbox.send(mail) : Promise.resolve({ id: 'bench' })),
  };
  for (let day = '2019-11-25'; day <= TODAY; day = addDays(day, 1)) {
    api.clock.set(`${day}T07:00:00Z`);
    const t = performance.now();
    await runScheduler(api.deps);
    timing.schedulerMs += performance.now() - t;
    api.clock.set(`${day}T09:00:00Z`);
    // Steps may add steps for later days (a payout once its invoice exists), never for today.
    for (const step of agenda.get(day) ?? []) await step();
    agenda.delete(day);
  }
  api.deps.mailer = mailbox;
  return { typical: typical!, heavy: heavy!, timing };
}
