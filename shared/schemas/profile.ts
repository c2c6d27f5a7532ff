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
const Count = (max: number) => v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(max));

/** What a user who starts mid-year brings: the year's figures so far, and where their series stand. */
export const OpeningBalance = v.object({
  year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  /** Turnover invoiced this year before Relais, excluding VAT (the VAT franchise counts it). */
  turnoverCents: Count(100_000_000_000),
  /** Cash collected this year before Relais, gross of portal fees (the micro-entreprise ceiling counts it). */
  collectedCents: v.optional(Count(100_000_000_000), 0),
  /** The number the next invoice of `year` takes in the existing series (`2026-0042` → 42). */
  nextInvoiceNumber: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(999_999))),
  /** The same for credit notes (`AV-2026-0003` → 3). */
  nextCreditNoteNumber: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(999_999))),
});
export type OpeningBalance = v.InferOutput<typeof OpeningBalance>;

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
  /**
   * Starting mid-year: the year's turnover and cash collected so far (outside Relais), and the next numbers of the
   * invoice series already in use. Absent: left as it is; null: cleared.
   */
  opening: v.optional(v.nullable(OpeningBalance)),
});
export type ProfileBody = v.InferOutput<typeof ProfileBody>;
