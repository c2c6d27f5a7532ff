import type { ProfileView } from '../../worker/routes/profile';

/** The profile form's values: text as typed, one checkbox. */
export type ProfileForm = {
  legalName: string;
  legalForm: string;
  siret: string;
  'address.line1': string;
  'address.postalCode': string;
  'address.city': string;
  'address.country': string;
  vatRegime: string;
  vatNumber: string;
  iban: string;
  bic: string;
  alsaceMoselle: boolean;
};

export const PROFILE_INPUTS = ['legalName', 'legalForm', 'siret', 'address.line1', 'address.postalCode', 'address.city', 'address.country', 'vatRegime', 'vatNumber', 'iban', 'bic', 'alsaceMoselle'] as const;

export function profileFormOf(p: ProfileView): ProfileForm {
  return {
    legalName: p.legalName ?? '',
    legalForm: p.legalForm ?? 'ei',
    siret: p.siret ?? '',
    'address.line1': p.address?.line1 ?? '',
    'address.postalCode': p.address?.postalCode ?? '',
    'address.city': p.address?.city ?? '',
    'address.country': p.address?.country ?? 'FR',
    vatRegime: p.vatRegime ?? 'franchise',
    vatNumber: p.vatNumber ?? '',
    iban: p.iban ?? '',
    bic: p.bic ?? '',
    alsaceMoselle: !!p.alsaceMoselle,
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/**
 * The PUT body (it replaces the profile whole): the form's fields over the loaded profile,
 * so what the form does not show (bank name, penalty rate, share capital, RCS) is kept.
 */
export function profileBodyOf(loaded: ProfileView, f: ProfileForm): Record<string, unknown> {
  const anyAddress = [f['address.line1'], f['address.postalCode'], f['address.city']].some((s) => s.trim());
  return {
    legalName: f.legalName,
    legalForm: f.legalForm,
    siret: orNull(f.siret),
    vatRegime: f.vatRegime,
    vatNumber: orNull(f.vatNumber),
    address: anyAddress ? { line1: f['address.line1'], postalCode: f['address.postalCode'], city: f['address.city'], country: f['address.country'] || 'FR' } : null,
    iban: orNull(f.iban),
    bic: orNull(f.bic),
    bankName: loaded.bankName ?? null,
    alsaceMoselle: f.alsaceMoselle,
    penaltyRateBps: loaded.penaltyRateBps,
    shareCapitalCents: loaded.shareCapitalCents ?? null,
    rcs: loaded.rcs ?? null,
  };
}
