import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { app } from '../../worker/app';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';
import { createEngine } from '../../extension/sync/engine';
import { KEYS } from '../../extension/lib/model';
import { createPortalHandlers, portalPatterns, portalSenderAllowed } from '../../extension/portals/background/handlers';
import { sayNote, sayOutcome } from '../../extension/portals/background/say';
import { craAdapter } from '../../extension/portals/littlebig/cra';
import { quoteFormAdapter } from '../../extension/portals/smart/quote-form';
import { loadFixture } from './load';

/** The background's portal handlers against the real API, with WXT's fake browser storage. */
let api: TestApi;
let token: string;
const storage = () => fakeBrowser.storage.local as unknown as Parameters<typeof createEngine>[0]['storage'];
const fetchApp: typeof fetch = async (input, init) => app.fetch(new Request(input as RequestInfo, init), { deps: api.deps });

beforeEach(async () => {
  fakeBrowser.reset();
  api = await createTestApi({ start: '2026-10-20T09:00:00Z' });
  token = await api.signIn('freelance@example.fr');
  await fakeBrowser.storage.local.set({ [KEYS.token]: token, [KEYS.apiUrl]: 'http://relais.test' });
});
afterEach(() => api.close());

const handlers = () => createPortalHandlers({ storage: storage(), engine: createEngine({ storage: storage(), fetch: fetchApp }), fetch: fetchApp, version: '0.1.0' });

describe('which tabs may talk to the portal handlers', () => {
  const patterns = ['https://www.littlebigconnection.com/*', 'https://account.ubik.be/*'];
  it('accepts our content script on a portal host only', () => {
    expect(portalSenderAllowed({ id: 'ext', tab: { url: 'https://www.littlebigconnection.com/missions/M-1/cra/2026-10' } }, 'ext', patterns)).toBe(true);
    expect(portalSenderAllowed({ id: 'ext', tab: { url: 'https://evil.example/?https://www.littlebigconnection.com/' } }, 'ext', patterns)).toBe(false);
    expect(portalSenderAllowed({ id: 'other', tab: { url: 'https://account.ubik.be/activites' } }, 'ext', patterns)).toBe(false);
    expect(portalSenderAllowed({ id: 'ext', url: 'chrome-extension://ext/popup.html' }, 'ext', patterns)).toBe(false);
  });
  it('adds the custom hosts the user granted', async () => {
    await fakeBrowser.storage.local.set({ portalHosts: [{ portal: 'littlebig', origin: 'https://portail.client.example' }] });
    const all = await portalPatterns({ content_scripts: [{ matches: patterns }] }, storage());
    expect(portalSenderAllowed({ id: 'ext', tab: { url: 'https://portail.client.example/missions/M-1/cra/2026-10' } }, 'ext', all)).toBe(true);
  });
  it('answers nothing but portal messages', () => {
    expect(handlers().handle({ type: 'auth.status' }, 'x')).toBeUndefined();
  });
});

describe('portal handlers', () => {
  it("gives the overlay Relais' days for the mission the page names, never the token", async () => {
    const id = (await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, portalRef: 'M-48213' } })).json.id;
    await api.request('PUT', `/v1/missions/${id}/cras/2026-10`, { token, body: { days: { '2026-10-01': 1, '2026-10-02': 0.5 } } });
    const res = await handlers().handle({ type: 'portal.month', portal: 'littlebig', missionRef: 'm-48213', month: '2026-10' }, 'www.littlebigconnection.com');
    expect(res).toMatchObject({ ok: true, value: { signedIn: true, mission: { id, portalRef: 'M-48213' }, cra: { state: 'draft', days: { '2026-10-01': 1, '2026-10-02': 0.5 } } } });
    expect(JSON.stringify(res)).not.toContain(token);
  });

  it('plans the CRA page the overlay read against Relais’ month, and refuses a malformed page', async () => {
    const id = (await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, portalRef: 'M-48213' } })).json.id;
    await api.request('PUT', `/v1/missions/${id}/cras/2026-10`, { token, body: { days: { '2026-10-01': 1, '2026-10-02': 0.5 } } });
    const page = craAdapter.read(loadFixture('littlebig/cra-to-fill').doc);
    if (!page.ok) throw new Error('fixture broken');
    const h = handlers();
    const res = await h.handle({ type: 'portal.month', portal: 'littlebig', missionRef: 'M-48213', month: '2026-10', page: page.model }, 'x');
    if (!res?.ok) throw new Error(JSON.stringify(res));
    const { craPlan } = res.value as { craPlan: { days: { date: string; portal: number | null; relais: number | null }[]; plan: { ops: unknown[] }; notes: unknown[] } };
    expect(craPlan.days).toHaveLength(31);
    expect(craPlan.days.filter((d) => d.portal !== d.relais).map((d) => d.date)).toEqual(['2026-10-01', '2026-10-02']);
    expect(craPlan.plan.ops).toEqual([
      { kind: 'set', key: 'dayInput', index: 0, date: '2026-10-01', from: '', to: '1', label: '01/10/2026', wanted: { kind: 'quantity', value: 1 } },
      { kind: 'set', key: 'dayInput', index: 1, date: '2026-10-02', from: '', to: '0,5', label: '02/10/2026', wanted: { kind: 'quantity', value: 0.5 } },
    ]);
    expect(craPlan.notes).toEqual([]);
    expect(await h.handle({ type: 'portal.month', portal: 'littlebig', missionRef: 'M-48213', month: '2026-10', page: { ...page.model, state: 'done' } }, 'x')).toMatchObject({ ok: false, code: 'invalid_observation' });
  });

  it('checks the SMart quote form’s own figures against the minimum gross when Relais has no quote for it', async () => {
    const page = quoteFormAdapter.read(loadFixture('smart/quote-form').doc);
    if (!page.ok) throw new Error('fixture broken');
    const res = await handlers().handle({ type: 'portal.month', portal: 'smart', month: '2026-10', page: page.model, override: {} }, 'x');
    expect(res).toMatchObject({ ok: true, value: { mission: null, quotePlan: { desired: null, ops: [], check: { ok: false, minimumCents: 6_932, requiredAmountCents: 29_807 } } } });
  });

  it('words what it did and why a plan leaves something out, for the overlay to look up', () => {
    expect(sayOutcome({ kind: 'validated', month: '2026-08', validatedOn: '2026-09-03', payoutEarliest: '2026-09-08', payoutLatest: null })).toEqual([
      ['out_validated', '03/09/2026'],
      ['out_payout', '08/09/2026', '08/09/2026'],
    ]);
    expect(sayOutcome({ kind: 'client_paid', number: 'F-2026-0042', paidOn: '2026-11-02' })).toEqual([['out_client_paid', 'F-2026-0042', '02/11/2026']]);
    expect(sayOutcome({ kind: 'no_mission', missionRef: 'M-1' })).toEqual([['noMission', 'M-1']]);
    expect(sayOutcome({ kind: 'days_differ', month: '2026-10', portalState: 'submitted' })).toEqual([['out_days_differ']]);
    expect(sayNote({ kind: 'locked_day', date: '2026-10-03', quantity: 0.5 })).toEqual(['lockedDay', '03/10/2026', '0,5']);
    expect(sayNote({ kind: 'expense_missing', label: 'Taxi', amountCents: 3_000 })).toEqual(['expense', 'Taxi', '30,00 €']);
  });

  it('records a breakage for the popup and reports it once a day', async () => {
    const h = handlers();
    expect(await h.handle({ type: 'portal.breakage', portal: 'littlebig', page: 'cra', selectorKey: 'dayInput', host: 'forged' }, 'www.littlebigconnection.com')).toEqual({ ok: true, value: { reported: true } });
    expect(await h.handle({ type: 'portal.breakage', portal: 'littlebig', page: 'cra', selectorKey: 'dayInput' }, 'www.littlebigconnection.com')).toEqual({ ok: true, value: { reported: false } });
    const stored = (await fakeBrowser.storage.local.get('portalBreakage')).portalBreakage;
    expect(stored).toEqual({ littlebig: { page: 'cra', selectorKey: 'dayInput', at: expect.any(String), host: 'www.littlebigconnection.com' } });
    expect((await api.request('GET', '/v1/portals/reports', { token })).json.reports).toHaveLength(1);
  });

  it('brings a validation seen on the portal into Relais when the days agree', async () => {
    const id = (await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, portalRef: 'M-48213' } })).json.id;
    const model = craAdapter.read(loadFixture('littlebig/cra-validated').doc);
    if (!model.ok) throw new Error('fixture broken');
    await api.request('PUT', `/v1/missions/${id}/cras/2026-08`, { token, body: { days: model.model.days } });
    const res = await handlers().handle({ type: 'portal.observed', portal: 'littlebig', page: 'cra', data: model.model }, 'www.littlebigconnection.com');
    expect(res).toMatchObject({ ok: true, value: { outcomes: [{ kind: 'validated', validatedOn: '2026-09-03', payoutEarliest: expect.any(String), say: [['out_validated', '03/09/2026'], ['out_payout', expect.any(String), expect.any(String)]] }] } });
    expect((await api.request('GET', `/v1/missions/${id}/cras/2026-08`, { token })).json.state).toBe('validated');
  });

  it('leaves Relais alone when the portal shows other days, and refuses a malformed observation', async () => {
    await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, portalRef: 'M-48213' } });
    const model = craAdapter.read(loadFixture('littlebig/cra-validated').doc);
    if (!model.ok) throw new Error('fixture broken');
    const h = handlers();
    expect(await h.handle({ type: 'portal.observed', portal: 'littlebig', page: 'cra', data: model.model }, 'x')).toMatchObject({ ok: true, value: { outcomes: [{ kind: 'days_differ' }] } });
    expect(await h.handle({ type: 'portal.observed', portal: 'littlebig', page: 'cra', data: { ...model.model, state: 'done' } }, 'x')).toMatchObject({ ok: false, code: 'invalid_observation' });
  });
});
