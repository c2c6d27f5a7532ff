import * as v from 'valibot';
import { contractTermsMatter } from '../payout/portal-rules';
import { CentsAmount, CountryCode, IsoDateString, OptionalText, PositiveCents, Quantity, RateBps, Text } from './common';

/** `littlebig`, `smart`, `direct`, or another portal's name (lower-case slug). */
export const PortalName = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be a portal name such as littlebig, smart, direct'));
export const InvoiceMode = v.picklist(['auto', 'manual']);
export const SmartContractType = v.picklist(['salaried', 'salaried_artistic', 'music', 'music_chorister']);
const TermsDays = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60, 'must not exceed the legal maximum of 60 days'));
/**
 * At most 10 000 days (about 40 working years): far above any purchase order, and small
 * enough that its thousandths and their ratios stay exact integers (a budget of 1e12 days
 * used to pass and make the mission unreadable: 500 on every later read).
 */
const MAX_BUDGET_DAYS = 10_000;
const BudgetDays = v.pipe(Quantity, v.minValue(0.25, 'must be positive'), v.maxValue(MAX_BUDGET_DAYS, `must be at most ${MAX_BUDGET_DAYS} days`));

/** The client's address for invoices and reminders sent from Relais (null clears it). */
export const ClientEmail = v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(254))));

/** An intra-EU VAT number: country prefix then 2–13 characters (spaces and dots dropped, upper-cased). */
const VatNumber = v.optional(
  v.nullable(v.pipe(v.string(), v.transform((s) => s.replace(/[\s.-]/g, '').toUpperCase()), v.regex(/^[A-Z]{2}[0-9A-Z+*]{2,13}$/, 'must be a VAT number such as BE0123456749'))),
);
/**
 * An electronic address scheme from the EAS code list, four digits (0225 French directory,
 * 0208 Belgian enterprise number, 0009 SIRET, 0183 Swiss UID…). The letter codes (EM for an
 * email address) are left out: Peppol, which carries the UBL, refuses them (PEPPOL-EN16931-CL008).
 */
const EasCode = v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.regex(/^\d{4}$/, 'must be a four-digit EAS code such as 0225 or 0208'))));

/**
 * The client as the invoice names it (EN 16931 buyer, BT-44..BT-55) and what the line says.
 * `clientAddress` is the older free-text address, still accepted and read.
 */
const BuyerFields = {
  title: OptionalText(200),
  /** The invoice line's label; defaults to the title. */
  serviceDescription: OptionalText(200),
  clientVatNumber: VatNumber,
  clientAddressLine: OptionalText(300),
  clientPostcode: OptionalText(16),
  clientCity: OptionalText(100),
  clientElectronicAddress: OptionalText(200),
  clientElectronicAddressScheme: EasCode,
};


const datesInOrder = <T extends { startsOn: string; endsOn?: string | null }>(input: T) => input.endsOn == null || input.startsOn <= input.endsOn;

/** A purchase order with no end date (open-ended mission) is stored with this end. */
export const OPEN_ENDED = '9999-12-31';

/** Expected rhythm: days per week, 0.25 to 7. */
export const DaysPerWeek = v.pipe(Quantity, v.minValue(0.25, 'must be at least 0.25'), v.maxValue(7, 'must be at most 7 days a week'));

/** Create a mission with its first purchase order. */
export const MissionCreateBody = v.pipe(
  v.object({
    portal: PortalName,
    clientName: Text(200),
    clientSiren: OptionalText(20),
    clientAddress: OptionalText(300),
    dailyRateCents: PositiveCents,
    /** Needed only where the regime depends on them (LittleBIG: signature date and the freelancer's country). */
    contractSignedOn: v.optional(IsoDateString),
    country: v.optional(CountryCode),
    /** The client's country (FR by default): printed on invoices, used for Peppol UBL. */
    clientCountry: v.optional(CountryCode, 'FR'),
    clientEmail: ClientEmail,
    plan: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
    invoiceMode: v.optional(InvoiceMode, 'auto'),
    clientTermsDays: v.optional(v.nullable(TermsDays)),
    startsOn: IsoDateString,
    /** Absent for an open-ended mission. */
    endsOn: v.optional(v.nullable(IsoDateString)),
    budgetDays: v.optional(v.nullable(BudgetDays)),
    budgetCents: v.optional(v.nullable(PositiveCents)),
    vatRateBps: v.optional(RateBps),
    quarterDays: v.optional(v.boolean(), false),
    /** Expected rhythm (days per week) for the year-end projection. */
    daysPerWeek: v.optional(v.nullable(DaysPerWeek)),
    smartContractType: v.optional(v.nullable(SmartContractType)),
    /** The mission's identifier as its portal shows it, so an overlay knows which mission a page is about. */
    portalRef: OptionalText(100),
    reference: OptionalText(100),
    ...BuyerFields,
  }),
  v.forward(v.check(datesInOrder, 'must not be before startsOn'), ['endsOn']),
  v.forward(v.check((b) => !contractTermsMatter(b.portal) || !!b.contractSignedOn, 'is required for this portal (it decides the payout regime)'), ['contractSignedOn']),
  v.forward(v.check((b) => !contractTermsMatter(b.portal) || !!b.country, 'is required for this portal (it decides the payout regime)'), ['country']),
);
export type MissionCreateBody = v.InferOutput<typeof MissionCreateBody>;

/** Edit a mission. Rate and plan may change only before it starts (else 409: use a renewal). */
export const MissionPatchBody = v.object({
  clientName: v.optional(Text(200)),
  clientSiren: OptionalText(20),
  clientAddress: OptionalText(300),
  clientCountry: v.optional(CountryCode),
  clientEmail: ClientEmail,
  dailyRateCents: v.optional(PositiveCents),
  plan: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  invoiceMode: v.optional(InvoiceMode),
  clientTermsDays: v.optional(v.nullable(TermsDays)),
  startsOn: v.optional(IsoDateString),
  /** null: open-ended. */
  endsOn: v.optional(v.nullable(IsoDateString)),
  budgetDays: v.optional(v.nullable(BudgetDays)),
  budgetCents: v.optional(v.nullable(PositiveCents)),
  vatRateBps: v.optional(RateBps),
  quarterDays: v.optional(v.boolean()),
  daysPerWeek: v.optional(v.nullable(DaysPerWeek)),
  smartContractType: v.optional(v.nullable(SmartContractType)),
  portalRef: OptionalText(100),
  archived: v.optional(v.boolean()),
  ...BuyerFields,
});
export type MissionPatchBody = v.InferOutput<typeof MissionPatchBody>;

/** A renewal: a new purchase order, the only moment rate and plan may change. */
export const RenewalBody = v.pipe(
  v.object({
    startsOn: IsoDateString,
    endsOn: IsoDateString,
    dailyRateCents: v.optional(PositiveCents),
    plan: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
    budgetDays: v.optional(v.nullable(BudgetDays)),
    budgetCents: v.optional(v.nullable(PositiveCents)),
    reference: OptionalText(100),
  }),
  v.forward(v.check(datesInOrder, 'must not be before startsOn'), ['endsOn']),
);
export type RenewalBody = v.InferOutput<typeof RenewalBody>;

/** The payout calculator's input (POST /v1/simulate/payout). */
export const SimulatePayoutBody = v.pipe(v.object({
  portal: PortalName,
  contractSignedOn: v.optional(IsoDateString),
  country: v.optional(CountryCode),
  plan: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  dailyRateCents: PositiveCents,
  days: v.pipe(Quantity, v.minValue(0, 'must not be negative'), v.maxValue(366)),
  validatedOn: IsoDateString,
  clientTermsDays: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365)))),
  clientPaidOn: v.optional(v.nullable(IsoDateString)),
  vatRateBps: v.optional(RateBps, 0),
}),
  v.forward(v.check((b) => !contractTermsMatter(b.portal) || !!b.contractSignedOn, 'is required for this portal (it decides the payout regime)'), ['contractSignedOn']),
  v.forward(v.check((b) => !contractTermsMatter(b.portal) || !!b.country, 'is required for this portal (it decides the payout regime)'), ['country']),
);
export type SimulatePayoutBody = v.InferOutput<typeof SimulatePayoutBody>;

export { CentsAmount };
