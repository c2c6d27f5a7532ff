import * as v from 'valibot';
import { isValidBic, isValidIban, isValidSiret, normalizeIban } from '../identifiers';
import { CountryCode, OptionalText, RateBps, Text } from './common';

export const LegalForm = v.picklist(['ei', 'eurl', 'sasu', 'smart', 'other']);
export type LegalForm = v.InferOutput<typeof LegalForm>;
export const VatRegime = v.picklist(['franchise', 'standard']);
export type VatRegime = v.InferOutput<typeof VatRegime>;

export const Address = v.object({
  line1: Text(200),
  postalCode: v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9 -]{3,10}$/, 'must be a postal code')),
  city: Text(100),
  country: CountryCode,
});
export type Address = v.InferOutput<typeof Address>;

/** The seller identity printed on invoices (PUT replaces it whole). */
export const ProfileBody = v.object({
  legalName: Text(200),
  legalForm: LegalForm,
  siret: v.optional(v.nullable(v.pipe(v.string(), v.transform((s) => s.replace(/\s+/g, '')), v.check(isValidSiret, 'is not a valid SIRET (14 digits with a valid key)')))),
  vatRegime: VatRegime,
  vatNumber: v.optional(v.nullable(v.pipe(v.string(), v.transform((s) => s.replace(/\s+/g, '').toUpperCase()), v.regex(/^[A-Z]{2}[A-Z0-9]{2,13}$/, 'is not a VAT number (e.g. FR12345678901)')))),
  address: v.optional(v.nullable(Address)),
  iban: v.optional(v.nullable(v.pipe(v.string(), v.check(isValidIban, 'is not a valid IBAN'), v.transform(normalizeIban)))),
  bic: v.optional(v.nullable(v.pipe(v.string(), v.check(isValidBic, 'is not a valid BIC'), v.transform((s) => s.replace(/\s+/g, '').toUpperCase())))),
  bankName: OptionalText(100),
  alsaceMoselle: v.optional(v.boolean(), false),
  penaltyRateBps: v.optional(RateBps, 1000),
  shareCapitalCents: v.optional(v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0)))),
  rcs: OptionalText(100),
});
export type ProfileBody = v.InferOutput<typeof ProfileBody>;
