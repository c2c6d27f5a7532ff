import { describe, expect, it } from 'vitest';
import type { Mission } from '../lib/model';
import { blankMissionForm, createBodyOf, missionFormOf, patchBodyOf } from './mission-form';

/** The client's structured address and email, as the mission forms send them (the API's buyer fields). */
describe('mission form: the client on the invoice', () => {
  const typed = {
    ...blankMissionForm('2026-05-20'), clientName: 'Atelier Horizon', portal: 'direct', dailyRate: '480', clientTermsDays: '30',
    clientAddressLine: ' 12 rue de la Paix ', clientPostcode: '75002', clientCity: 'Paris', clientEmail: 'compta@horizon.test',
  };

  it('creates with the street, postcode, city and email apart, trimmed, and no free-text address', () => {
    const built = createBodyOf(typed);
    expect(built).toMatchObject({ ok: true, body: { clientAddressLine: '12 rue de la Paix', clientPostcode: '75002', clientCity: 'Paris', clientEmail: 'compta@horizon.test', clientTermsDays: 30 } });
    if (built.ok) expect(built.body).not.toHaveProperty('clientAddress');
  });

  it('leaves out what was not typed', () => {
    const built = createBodyOf({ ...typed, clientAddressLine: '', clientPostcode: ' ', clientCity: '', clientEmail: '' });
    expect(built.ok && Object.keys(built.body).filter((k) => /^client(AddressLine|Postcode|City|Email)$/.test(k))).toEqual([]);
  });

  it('edits one field, and clears another with null', () => {
    const m = {
      clientName: 'Atelier Horizon', portal: 'direct', portalRef: null, clientSiren: null, clientAddress: null, clientCountry: 'FR', country: 'FR',
      clientAddressLine: '12 rue de la Paix', clientPostcode: '75002', clientCity: 'Paris', clientEmail: 'compta@horizon.test',
      dailyRateCents: 48_000, plan: 'direct', invoiceMode: 'auto', clientTermsDays: 30, contractSignedOn: '2026-05-01',
      currentOrder: { startsOn: '2026-05-01', endsOn: '2026-12-31', budgetDays: 60 },
    } as unknown as Mission;
    expect(patchBodyOf(m, { ...missionFormOf(m, 'fr'), clientCity: 'Paris 2e', clientEmail: '' })).toEqual({ ok: true, body: { clientCity: 'Paris 2e', clientEmail: null } });
  });
});

describe('mission form: what applies to the mission', () => {
  const base = { ...blankMissionForm('2026-05-20'), clientName: 'Théâtre de Namur', dailyRate: '400' };
  it("sends SMart's contract type, and only for SMart", () => {
    expect(createBodyOf({ ...base, portal: 'smart', smartContractType: 'salaried_artistic' })).toMatchObject({ ok: true, body: { smartContractType: 'salaried_artistic' } });
    const direct = createBodyOf({ ...base, portal: 'direct', smartContractType: 'salaried_artistic' });
    expect(direct.ok && direct.body).not.toHaveProperty('smartContractType');
  });
  it('leaves the end date out for an open-ended mission', () => {
    const built = createBodyOf({ ...base, portal: 'direct', endsOn: '' });
    expect(built.ok && built.body).not.toHaveProperty('endsOn');
  });
});
