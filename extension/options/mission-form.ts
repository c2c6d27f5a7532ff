import { centsToInput, parseEuros } from '../lib/euros';
import type { Mission } from '../lib/model';
import { o } from './strings';

/** A mission form's values as typed. */
export type MissionForm = {
  clientName: string;
  portal: string;
  portalRef: string;
  clientSiren: string;
  /** The client's address as invoices print it: street, postcode, city (EN 16931 BT-50, BT-53, BT-52). */
  clientAddressLine: string;
  clientPostcode: string;
  clientCity: string;
  clientCountry: string;
  /** Where Relais sends the invoices and reminders of a client the freelancer bills. */
  clientEmail: string;
  country: string;
  dailyRate: string;
  plan: string;
  invoiceMode: string;
  clientTermsDays: string;
  contractSignedOn: string;
  startsOn: string;
  endsOn: string;
  budgetDays: string;
  reference: string;
  /** SMart only: the contract type, which decides the legal minimum gross per day. */
  smartContractType: string;
};

export const MISSION_INPUTS: readonly (keyof MissionForm)[] = ['clientName', 'portal', 'portalRef', 'clientSiren', 'clientAddressLine', 'clientPostcode', 'clientCity', 'clientCountry', 'clientEmail', 'country', 'dailyRate', 'plan', 'invoiceMode', 'clientTermsDays', 'contractSignedOn', 'startsOn', 'endsOn', 'budgetDays', 'reference', 'smartContractType'];

type Built = { ok: true; body: Record<string, unknown> } | { ok: false; fields: Record<string, string> };

export function missionFormOf(m: Mission, locale: 'fr' | 'en'): MissionForm {
  return {
    clientName: m.clientName,
    portal: m.portal,
    portalRef: m.portalRef ?? '',
    clientSiren: m.clientSiren ?? '',
    clientAddressLine: m.clientAddressLine ?? '',
    clientPostcode: m.clientPostcode ?? '',
    clientCity: m.clientCity ?? '',
    clientCountry: m.clientCountry,
    clientEmail: m.clientEmail ?? '',
    country: m.country,
    dailyRate: centsToInput(m.dailyRateCents, locale),
    plan: m.plan,
    invoiceMode: m.invoiceMode,
    clientTermsDays: m.clientTermsDays == null ? '' : String(m.clientTermsDays),
    contractSignedOn: m.contractSignedOn,
    startsOn: m.currentOrder.startsOn,
    endsOn: m.currentOrder.endsOn ?? '',
    budgetDays: m.currentOrder.budgetDays == null ? '' : String(m.currentOrder.budgetDays).replace('.', locale === 'fr' ? ',' : '.'),
    reference: '',
    smartContractType: m.smartContractType ?? '',
  };
}

/** The form of a new mission, or of a renewal of `m` (starting the day after its order ends). */
export function blankMissionForm(today: string, m?: Mission, locale: 'fr' | 'en' = 'fr'): MissionForm {
  const next = m && m.currentOrder.endsOn ? nextDay(m.currentOrder.endsOn) : `${today.slice(0, 7)}-01`;
  return {
    clientName: '',
    portal: 'littlebig',
    portalRef: '',
    clientSiren: m?.clientSiren ?? '',
    clientAddressLine: m?.clientAddressLine ?? '',
    clientPostcode: m?.clientPostcode ?? '',
    clientCity: m?.clientCity ?? '',
    clientCountry: m?.clientCountry ?? 'FR',
    clientEmail: m?.clientEmail ?? '',
    country: m?.country ?? 'FR',
    dailyRate: m ? centsToInput(m.dailyRateCents, locale) : '',
    plan: m?.plan ?? '',
    invoiceMode: 'auto',
    clientTermsDays: '',
    contractSignedOn: today,
    startsOn: next,
    endsOn: m ? `${next.slice(0, 4)}-12-31` : `${today.slice(0, 4)}-12-31`,
    budgetDays: m ? (m.currentOrder.budgetDays == null ? '' : String(m.currentOrder.budgetDays)) : '200',
    reference: '',
    smartContractType: m?.smartContractType ?? '',
  };
}

function nextDay(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The text fields typed, trimmed, left out when empty (a new mission has nothing to clear). */
function optionalText(f: MissionForm, keys: readonly (keyof MissionForm)[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, f[k].trim()]).filter(([, v]) => v));
}

/** Reads the typed values the API cannot read as text: euros, days, terms, dates. */
function read(f: MissionForm, fields: Record<string, string>) {
  const rate = f.dailyRate.trim() ? parseEuros(f.dailyRate) : null;
  if (rate && !rate.ok) fields.dailyRate = o.field_number;
  const days = f.budgetDays.trim() ? Number(f.budgetDays.trim().replace(',', '.')) : null;
  if (days !== null && !(Number.isFinite(days) && days > 0)) fields.budgetDays = o.field_number;
  const terms = f.clientTermsDays.trim() ? Number(f.clientTermsDays.trim()) : null;
  if (terms !== null && !Number.isInteger(terms)) fields.clientTermsDays = o.field_number;
  for (const k of ['startsOn', 'endsOn', 'contractSignedOn'] as const) if (f[k] && !DATE.test(f[k])) fields[k] = o.field_date;
  return { rateCents: rate?.ok ? rate.cents : null, days, terms };
}

/** POST /v1/missions. */
export function createBodyOf(f: MissionForm): Built {
  const fields: Record<string, string> = {};
  const { rateCents, days, terms } = read(f, fields);
  if (!f.dailyRate.trim()) fields.dailyRate = o.field_required;
  if (Object.keys(fields).length) return { ok: false, fields };
  return {
    ok: true,
    body: {
      clientName: f.clientName,
      portal: f.portal,
      ...(f.portalRef.trim() ? { portalRef: f.portalRef.trim() } : {}),
      ...(f.clientSiren.trim() ? { clientSiren: f.clientSiren.trim() } : {}),
      ...optionalText(f, ['clientAddressLine', 'clientPostcode', 'clientCity', 'clientEmail']),
      clientCountry: f.clientCountry,
      dailyRateCents: rateCents,
      contractSignedOn: f.contractSignedOn,
      country: f.country,
      ...(f.plan ? { plan: f.plan } : {}),
      invoiceMode: f.invoiceMode,
      ...(terms !== null ? { clientTermsDays: terms } : {}),
      startsOn: f.startsOn,
      // Open-ended missions exist (a direct client with no end date).
      ...(f.endsOn ? { endsOn: f.endsOn } : {}),
      budgetDays: days,
      ...(f.portal === 'smart' && f.smartContractType ? { smartContractType: f.smartContractType } : {}),
    },
  };
}

/** PATCH /v1/missions/:id with only what changed (so an unchanged rate never meets 409). */
export function patchBodyOf(m: Mission, f: MissionForm): Built {
  const fields: Record<string, string> = {};
  const { rateCents, days, terms } = read(f, fields);
  if (Object.keys(fields).length) return { ok: false, fields };
  const body: Record<string, unknown> = {};
  if (f.clientName !== m.clientName) body.clientName = f.clientName;
  const ref = f.portalRef.trim() || null;
  if (ref !== (m.portalRef ?? null)) body.portalRef = ref;
  const siren = f.clientSiren.trim() || null;
  if (siren !== (m.clientSiren ?? null)) body.clientSiren = siren;
  for (const k of ['clientAddressLine', 'clientPostcode', 'clientCity', 'clientEmail'] as const) {
    const value = f[k].trim() || null;
    if (value !== (m[k] ?? null)) body[k] = value;
  }
  if (f.clientCountry !== m.clientCountry) body.clientCountry = f.clientCountry;
  if (rateCents !== null && rateCents !== m.dailyRateCents) body.dailyRateCents = rateCents;
  if (f.plan && f.plan !== m.plan) body.plan = f.plan;
  if (f.invoiceMode !== m.invoiceMode) body.invoiceMode = f.invoiceMode;
  if (terms !== (m.clientTermsDays ?? null)) body.clientTermsDays = terms;
  if (f.startsOn !== m.currentOrder.startsOn) body.startsOn = f.startsOn;
  if (f.endsOn !== m.currentOrder.endsOn) body.endsOn = f.endsOn;
  if (days !== (m.currentOrder.budgetDays ?? null)) body.budgetDays = days;
  if (m.portal === 'smart' && (f.smartContractType || null) !== (m.smartContractType ?? null)) body.smartContractType = f.smartContractType || null;
  return { ok: true, body };
}

/** POST /v1/missions/:id/renewals. */
export function renewalBodyOf(f: MissionForm): Built {
  const fields: Record<string, string> = {};
  const { rateCents, days } = read(f, fields);
  if (Object.keys(fields).length) return { ok: false, fields };
  return {
    ok: true,
    body: {
      startsOn: f.startsOn,
      endsOn: f.endsOn,
      ...(rateCents !== null ? { dailyRateCents: rateCents } : {}),
      ...(f.plan ? { plan: f.plan } : {}),
      budgetDays: days,
      ...(f.reference.trim() ? { reference: f.reference.trim() } : {}),
    },
  };
}
