import * as v from 'valibot';
import { LittleBigCraPage, LittleBigInvoicesPage, LittleBigMissionsPage } from './littlebig';
import { SmartQuoteForm, SmartQuoteList } from './smart';

/** The portals Relais overlays, and their pages. */
export const OverlayPortal = v.picklist(['littlebig', 'smart']);
export type OverlayPortal = v.InferOutput<typeof OverlayPortal>;

export const PORTAL_PAGES = {
  littlebig: ['cra', 'missions', 'invoices'],
  smart: ['quote-form', 'quote-list'],
} as const;
export type PortalPage = (typeof PORTAL_PAGES)[OverlayPortal][number];
export const PortalPage = v.picklist(['cra', 'missions', 'invoices', 'quote-form', 'quote-list']);

/** The model of each page: an observation's `data` must be what its page's adapter reads. */
export const PAGE_MODELS = {
  'littlebig/cra': LittleBigCraPage,
  'littlebig/missions': LittleBigMissionsPage,
  'littlebig/invoices': LittleBigInvoicesPage,
  'smart/quote-form': SmartQuoteForm,
  'smart/quote-list': SmartQuoteList,
} as const;

const pageOfPortal = <T extends { portal: OverlayPortal; page: string }>(input: T) => (PORTAL_PAGES[input.portal] as readonly string[]).includes(input.page);

/** A page that no longer matched: what broke, never what the page showed. */
export const PortalReportBody = v.pipe(
  v.object({
    portal: OverlayPortal,
    page: PortalPage,
    selectorKey: v.pipe(v.string(), v.regex(/^[A-Za-z][\w.-]{0,63}$/, 'must be a selector key such as dayInput')),
    extensionVersion: v.pipe(v.string(), v.regex(/^\d+(\.\d+){0,3}$/, 'must be a version such as 0.1.0')),
  }),
  v.forward(v.check(pageOfPortal, 'is not a page of this portal'), ['page']),
);
export type PortalReportBody = v.InferOutput<typeof PortalReportBody>;

/** What an overlay read on a page (budget consumed, invoice statuses…), checked against that page's model. */
export const PortalObservationBody = v.pipe(
  v.object({
    portal: OverlayPortal,
    page: PortalPage,
    missionId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
    data: v.unknown(),
  }),
  v.forward(v.check(pageOfPortal, 'is not a page of this portal'), ['page']),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { portal, page, data } = dataset.value;
    const schema = PAGE_MODELS[`${portal}/${page}` as keyof typeof PAGE_MODELS];
    if (!schema) return;
    const res = v.safeParse(schema as v.GenericSchema, data);
    if (!res.success) for (const issue of res.issues) addIssue({ message: issue.message, path: [{ type: 'object', origin: 'value', input: dataset.value, key: 'data', value: data }, ...(issue.path ?? [])] as never });
  }),
);
export type PortalObservationBody = v.InferOutput<typeof PortalObservationBody>;
