import type { IsoDate } from '../dates';
import type { Issuer } from './issuers';
import type { FranchiseVat } from './franchise-vat';
import type { MentionIssue } from './mandatory-mentions';

/** Why a document cannot be issued: the HTTP status, a stable code, the field. */
export type IssueRefusal = { ok: false; status: 409 | 422; code: string; message: string; path?: string; issues?: { path: string; message: string }[] };

export type IssueCheck = {
  issuer: Issuer;
  /** The document takes a number in the freelancer's series. */
  consumesSeries: boolean;
  issuedOn: IsoDate;
  /** The month's first day: a CRA is not validated before its month starts. */
  monthStartsOn: IsoDate;
  /** The latest date that is not in the future (the user's today + slack). */
  latestPastDate: IsoDate;
  /** The latest date of the freelancer's own series, ignoring invoices dated in the future. */
  lastSeriesIssuedOn: IsoDate | null;
  vat: FranchiseVat;
  /** The mandatory mentions the document would lack (checked for the freelancer's own invoices only). */
  missingMentions: MentionIssue[];
  acknowledgeVatThreshold: boolean;
  year: number;
};

/**
 * The one place that decides whether a document can be issued. Each refusal names its field; a
 * document of the freelancer's own series lacking a mandatory mention is refused with the list of what is missing.
 */
export function canIssue(c: IssueCheck): { ok: true } | IssueRefusal {
  if (c.issuedOn > c.latestPastDate) {
    return { ok: false, status: 422, code: 'date_in_future', message: `validatedOn (${c.issuedOn}) is in the future: it must be on or before ${c.latestPastDate}`, path: 'validatedOn' };
  }
  if (c.issuedOn < c.monthStartsOn) return { ok: false, status: 422, code: 'validation_date_invalid', message: 'A CRA cannot be validated before its month starts', path: 'validatedOn' };
  if (c.consumesSeries && c.lastSeriesIssuedOn !== null && c.lastSeriesIssuedOn > c.issuedOn) {
    return { ok: false, status: 422, code: 'invoice_date_before_last', message: 'An invoice dated later is already issued; invoice numbers must follow dates', path: 'validatedOn' };
  }
  if (c.vat.crossesHigherThreshold && !c.acknowledgeVatThreshold) {
    return {
      ok: false, status: 409, code: 'vat_threshold_crossed',
      message: `This invoice takes ${c.year}'s revenue over the higher VAT franchise threshold: it must charge VAT. Confirm with acknowledgeVatThreshold: true`,
    };
  }
  if (c.consumesSeries && c.missingMentions.length) {
    return {
      ok: false, status: 422, code: 'mandatory_mentions_missing', message: 'The invoice would lack mandatory mentions: fill in the fields listed',
      issues: c.missingMentions,
    };
  }
  return { ok: true };
}
