import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';
import { createApi } from '../../extension/sync/api';
import { formErrors } from '../../extension/options/form';
import { profileBodyOf, profileFormOf, PROFILE_INPUTS } from '../../extension/options/profile-form';
import { MISSION_INPUTS, missionFormOf, patchBodyOf, renewalBodyOf, blankMissionForm, createBodyOf } from '../../extension/options/mission-form';

/**
 * The options page's forms against the real API: the bodies they build are the ones the
 * routes accept, and the API's 422 field paths land on the inputs that hold the values.
 */

let api: TestApi;
let token: string;
const client = () => createApi({ baseUrl: 'http://relais.test', token, fetch: async (input, init) => app.fetch(new Request(input as RequestInfo, init), { deps: api.deps }) });

beforeEach(async () => {
  api = await createTestApi();
  token = await api.signIn('freelance@example.fr');
});
afterEach(() => api.close());

describe('profile form', () => {
  it('puts a refused IBAN and postal code next to their inputs, and keeps what the form does not show', async () => {
    const c = client();
    await api.request('PUT', '/v1/profile', { token, body: { legalName: 'Old', legalForm: 'ei', vatRegime: 'franchise', bankName: 'Banque Test', rcs: 'RCS Paris 123', penaltyRateBps: 1200 } });
    const loaded = await c.profile();
    if (!loaded.ok) throw new Error('profile');
    const form = { ...profileFormOf(loaded.value), legalName: 'Camille Martin', iban: 'FR76 3000 6000 0112 3456 7890 188', 'address.line1': '3 rue des Lilas', 'address.postalCode': '6!', 'address.city': 'Metz' };
    const refused = await c.putProfile(profileBodyOf(loaded.value, form));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    const errors = formErrors(refused.error, PROFILE_INPUTS);
    expect(Object.keys(errors.fields).sort()).toEqual(['address.postalCode', 'iban']);
    expect(errors.general).toBeTruthy();

    const fixed = await c.putProfile(profileBodyOf(loaded.value, { ...form, iban: 'FR76 3000 6000 0112 3456 7890 189', 'address.postalCode': '57000', alsaceMoselle: true }));
    expect(fixed.ok).toBe(true);
    if (!fixed.ok) return;
    expect(fixed.value).toMatchObject({ legalName: 'Camille Martin', iban: 'FR7630006000011234567890189', alsaceMoselle: true, bankName: 'Banque Test', rcs: 'RCS Paris 123', penaltyRateBps: 1200 });
    expect(fixed.value.address).toEqual({ line1: '3 rue des Lilas', postalCode: '57000', city: 'Metz', country: 'FR' });
  });

  it('clears the address when every address field is emptied', async () => {
    const c = client();
    // A profile with no address yet (sign-in gives test users a complete one).
    const start = await c.profile();
    if (!start.ok) throw new Error('profile');
    expect((await c.putProfile({ ...profileBodyOf(start.value, profileFormOf(start.value)), address: null })).ok).toBe(true);
    const loaded = await c.profile();
    if (!loaded.ok) throw new Error('profile');
    const body = profileBodyOf(loaded.value, { ...profileFormOf(loaded.value), legalName: 'X' });
    expect(body.address).toBeNull();
    expect((await c.putProfile(body)).ok).toBe(true);
  });
});

describe('mission forms', () => {
  it('edits only what changed (portal reference), so a running mission does not meet 409', async () => {
    const c = client();
    const created = await c.createMission(littlebigMission as never);
    if (!created.ok) throw new Error('mission');
    const m = created.value;
    const patch = patchBodyOf(m, { ...missionFormOf(m, 'fr'), portalRef: 'LBC-42' });
    expect(patch).toEqual({ ok: true, body: { portalRef: 'LBC-42' } });
    if (!patch.ok) return;
    const res = await c.patchMission(m.id, patch.body);
    expect(res.ok && res.value.portalRef).toBe('LBC-42');
  });

  it('reads the daily rate as euros to the cent, and says so by the field when it cannot', () => {
    const form = { ...blankMissionForm('2026-05-20'), clientName: 'ACME', dailyRate: '650,5' };
    expect(createBodyOf(form)).toMatchObject({ ok: true, body: { dailyRateCents: 65_050 } });
    expect(createBodyOf({ ...form, dailyRate: '650,555' })).toMatchObject({ ok: false, fields: { dailyRate: expect.any(String) } });
    expect(createBodyOf({ ...form, budgetDays: 'beaucoup' })).toMatchObject({ ok: false, fields: { budgetDays: expect.any(String) } });
  });

  it('renews through the renewals route, and a refused field lands on its input', async () => {
    const c = client();
    const created = await c.createMission(littlebigMission as never);
    if (!created.ok) throw new Error('mission');
    const m = created.value;
    const form = blankMissionForm('2026-05-20', m, 'fr');
    expect(form.startsOn > m.currentOrder.endsOn!).toBe(true);
    const early = renewalBodyOf({ ...form, startsOn: m.currentOrder.startsOn });
    if (!early.ok) throw new Error('body');
    const refused = await c.renewMission(m.id, early.body);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(formErrors(refused.error, MISSION_INPUTS).fields.startsOn).toBeTruthy();
    const good = renewalBodyOf({ ...form, budgetDays: '120', reference: 'BDC-2' });
    if (!good.ok) throw new Error('body');
    const renewed = await c.renewMission(m.id, good.body);
    expect(renewed.ok && renewed.value.orders.length).toBe(2);
  });
});
