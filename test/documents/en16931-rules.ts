import { Window } from 'happy-dom';

/**
 * The EN 16931 business rules Relais's documents exercise, checked on the parsed CII and
 * UBL (our own TypeScript reading of the rules of EN 16931-1:2017 and its CII/UBL
 * bindings, the French CIUS notes BR-FR-05/BR-FR-12, and the Peppol syntax rules our
 * documents meet). Each check returns the rule ids that fail, with the value that broke
 * them; `[]` means the document passes every rule here. Syntax-neutral rules run on one
 * model read from either syntax, so CII and UBL are held to the very same arithmetic.
 */

export type RuleFailure = { rule: string; message: string };

type Category = 'S' | 'E' | 'AE' | 'O' | 'Z' | 'K' | 'G' | 'L' | 'M';
type Line = { id: string; quantity: number | null; unitCode: string | null; netCents: number | null; priceCents: number | null; name: string; category: string | null; rate: number | null };
type Breakdown = { category: string | null; rate: number | null; baseCents: number | null; vatCents: number | null; reasonCode: string | null; reason: string | null };
type Model = {
  syntax: 'cii' | 'ubl';
  specification: string | null;
  number: string | null;
  issueDate: string | null;
  typeCode: string | null;
  currency: string | null;
  notes: { subject: string | null; text: string }[];
  seller: { name: string | null; vatId: string | null; taxRegId: string | null; legalId: string | null; country: string | null; hasAddress: boolean };
  buyer: { name: string | null; vatId: string | null; legalId: string | null; country: string | null; hasAddress: boolean; endpoint: string | null; endpointScheme: string | null };
  lines: Line[];
  breakdown: Breakdown[];
  totals: { lineCents: number | null; taxExclusiveCents: number | null; vatCents: number | null; taxInclusiveCents: number | null; dueCents: number | null };
  dueDate: string | null;
  paymentTerms: string | null;
  purchaseOrder: string | null;
  buyerReference: string | null;
  decimals: string[];
};

const window = new Window();
const parse = (xml: string) => new window.DOMParser().parseFromString(xml, 'application/xml') as unknown as Document;

/** Children of `node` along a path of prefixed tag names (`ram:A/ram:B`). */
function all(node: Element | Document, path: string): Element[] {
  let nodes: Element[] = [node as Element];
  for (const step of path.split('/')) nodes = nodes.flatMap((n) => [...(n.children ?? [])].filter((c) => c.tagName === step));
  return nodes;
}
const one = (node: Element | Document, path: string) => all(node, path)[0] ?? null;
const text = (node: Element | Document | null, path?: string) => {
  const n = node && (path ? one(node, path) : (node as Element));
  return n ? (n.textContent ?? '').trim() : null;
};

/** Amounts as integer cents; anything with more than two decimals is kept for BR-DEC. */
function cents(value: string | null, decimals: string[]): number | null {
  if (value === null || value === '') return null;
  if (!/^-?\d+(\.\d{1,2})?$/.test(value)) decimals.push(value);
  return Math.round(Number(value) * 100);
}
const num = (v: string | null) => (v === null || v === '' ? null : Number(v));

function readCii(xml: string): Model {
  const doc = parse(xml);
  const root = doc.documentElement;
  const decimals: string[] = [];
  const tx = one(root, 'rsm:SupplyChainTradeTransaction')!;
  const agreement = one(tx, 'ram:ApplicableHeaderTradeAgreement');
  const settlement = one(tx, 'ram:ApplicableHeaderTradeSettlement');
  const sum = settlement && one(settlement, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  const taxReg = (party: Element | null, scheme: string) =>
    party ? (all(party, 'ram:SpecifiedTaxRegistration').map((r) => one(r, 'ram:ID')).find((id) => id?.getAttribute('schemeID') === scheme)?.textContent ?? null) : null;
  const seller = agreement && one(agreement, 'ram:SellerTradeParty');
  const buyer = agreement && one(agreement, 'ram:BuyerTradeParty');
  const buyerUri = buyer && one(buyer, 'ram:URIUniversalCommunication/ram:URIID');
  return {
    syntax: 'cii',
    specification: text(root, 'rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID'),
    number: text(root, 'rsm:ExchangedDocument/ram:ID'),
    issueDate: text(root, 'rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString'),
    typeCode: text(root, 'rsm:ExchangedDocument/ram:TypeCode'),
    currency: text(settlement, 'ram:InvoiceCurrencyCode'),
    notes: all(root, 'rsm:ExchangedDocument/ram:IncludedNote').map((n) => ({ subject: text(n, 'ram:SubjectCode'), text: text(n, 'ram:Content') ?? '' })),
    seller: {
      name: text(seller, 'ram:Name'),
      vatId: taxReg(seller, 'VA'),
      taxRegId: taxReg(seller, 'FC'),
      legalId: text(seller, 'ram:SpecifiedLegalOrganization/ram:ID'),
      country: text(seller, 'ram:PostalTradeAddress/ram:CountryID'),
      hasAddress: !!seller && !!one(seller, 'ram:PostalTradeAddress'),
    },
    buyer: {
      name: text(buyer, 'ram:Name'),
      vatId: taxReg(buyer, 'VA'),
      legalId: text(buyer, 'ram:SpecifiedLegalOrganization/ram:ID'),
      country: text(buyer, 'ram:PostalTradeAddress/ram:CountryID'),
      hasAddress: !!buyer && !!one(buyer, 'ram:PostalTradeAddress'),
      endpoint: buyerUri?.textContent ?? null,
      endpointScheme: buyerUri?.getAttribute('schemeID') ?? null,
    },
    lines: all(tx, 'ram:IncludedSupplyChainTradeLineItem').map((l) => {
      const qty = one(l, 'ram:SpecifiedLineTradeDelivery/ram:BilledQuantity');
      const tax = one(l, 'ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax');
      return {
        id: text(l, 'ram:AssociatedDocumentLineDocument/ram:LineID') ?? '',
        quantity: num(text(qty)),
        unitCode: qty?.getAttribute('unitCode') ?? null,
        netCents: cents(text(l, 'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount'), decimals),
        priceCents: cents(text(l, 'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount'), []),
        name: text(l, 'ram:SpecifiedTradeProduct/ram:Name') ?? '',
        category: text(tax, 'ram:CategoryCode'),
        rate: num(text(tax, 'ram:RateApplicablePercent')),
      };
    }),
    breakdown: (settlement ? all(settlement, 'ram:ApplicableTradeTax') : []).map((t) => ({
      category: text(t, 'ram:CategoryCode'),
      rate: num(text(t, 'ram:RateApplicablePercent')),
      baseCents: cents(text(t, 'ram:BasisAmount'), decimals),
      vatCents: cents(text(t, 'ram:CalculatedAmount'), decimals),
      reasonCode: text(t, 'ram:ExemptionReasonCode'),
      reason: text(t, 'ram:ExemptionReason'),
    })),
    totals: {
      lineCents: cents(text(sum, 'ram:LineTotalAmount'), decimals),
      taxExclusiveCents: cents(text(sum, 'ram:TaxBasisTotalAmount'), decimals),
      vatCents: cents(text(sum, 'ram:TaxTotalAmount'), decimals),
      taxInclusiveCents: cents(text(sum, 'ram:GrandTotalAmount'), decimals),
      dueCents: cents(text(sum, 'ram:DuePayableAmount'), decimals),
    },
    dueDate: text(settlement, 'ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString'),
    paymentTerms: text(settlement, 'ram:SpecifiedTradePaymentTerms/ram:Description'),
    purchaseOrder: text(agreement, 'ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID'),
    buyerReference: text(agreement, 'ram:BuyerReference'),
    decimals,
  };
}

function readUbl(xml: string): Model {
  const doc = parse(xml);
  const root = doc.documentElement;
  const credit = root.tagName === 'CreditNote';
  const decimals: string[] = [];
  const party = (p: string) => one(root, `${p}/cac:Party`);
  const seller = party('cac:AccountingSupplierParty');
  const buyer = party('cac:AccountingCustomerParty');
  const taxScheme = (p: Element | null, scheme: string) => {
    const t = p && all(p, 'cac:PartyTaxScheme').find((x) => text(x, 'cac:TaxScheme/cbc:ID') === scheme);
    return t ? text(t, 'cbc:CompanyID') : null;
  };
  const sum = one(root, 'cac:LegalMonetaryTotal');
  const endpoint = buyer && one(buyer, 'cbc:EndpointID');
  return {
    syntax: 'ubl',
    specification: text(root, 'cbc:CustomizationID'),
    number: text(root, 'cbc:ID'),
    issueDate: text(root, 'cbc:IssueDate'),
    typeCode: text(root, credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode'),
    currency: text(root, 'cbc:DocumentCurrencyCode'),
    notes: all(root, 'cbc:Note').map((n) => {
      const m = /^#([A-Z]{3})#([\s\S]*)$/.exec(n.textContent ?? '');
      return m ? { subject: m[1]!, text: m[2]! } : { subject: null, text: n.textContent ?? '' };
    }),
    seller: {
      name: text(seller, 'cac:PartyName/cbc:Name'),
      vatId: taxScheme(seller, 'VAT'),
      taxRegId: taxScheme(seller, 'FC'),
      legalId: text(seller, 'cac:PartyLegalEntity/cbc:CompanyID'),
      country: text(seller, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'),
      hasAddress: !!seller && !!one(seller, 'cac:PostalAddress'),
    },
    buyer: {
      name: text(buyer, 'cac:PartyName/cbc:Name') ?? text(buyer, 'cac:PartyLegalEntity/cbc:RegistrationName'),
      vatId: taxScheme(buyer, 'VAT'),
      legalId: text(buyer, 'cac:PartyLegalEntity/cbc:CompanyID'),
      country: text(buyer, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'),
      hasAddress: !!buyer && !!one(buyer, 'cac:PostalAddress'),
      endpoint: endpoint?.textContent ?? null,
      endpointScheme: endpoint?.getAttribute('schemeID') ?? null,
    },
    lines: all(root, credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine').map((l) => {
      const qty = one(l, credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity');
      const tax = one(l, 'cac:Item/cac:ClassifiedTaxCategory');
      return {
        id: text(l, 'cbc:ID') ?? '',
        quantity: num(text(qty)),
        unitCode: qty?.getAttribute('unitCode') ?? null,
        netCents: cents(text(l, 'cbc:LineExtensionAmount'), decimals),
        priceCents: cents(text(l, 'cac:Price/cbc:PriceAmount'), []),
        name: text(l, 'cac:Item/cbc:Name') ?? '',
        category: text(tax, 'cbc:ID'),
        rate: num(text(tax, 'cbc:Percent')),
      };
    }),
    breakdown: all(root, 'cac:TaxTotal/cac:TaxSubtotal').map((t) => ({
      category: text(t, 'cac:TaxCategory/cbc:ID'),
      rate: num(text(t, 'cac:TaxCategory/cbc:Percent')),
      baseCents: cents(text(t, 'cbc:TaxableAmount'), decimals),
      vatCents: cents(text(t, 'cbc:TaxAmount'), decimals),
      reasonCode: text(t, 'cac:TaxCategory/cbc:TaxExemptionReasonCode'),
      reason: text(t, 'cac:TaxCategory/cbc:TaxExemptionReason'),
    })),
    totals: {
      lineCents: cents(text(sum, 'cbc:LineExtensionAmount'), decimals),
      taxExclusiveCents: cents(text(sum, 'cbc:TaxExclusiveAmount'), decimals),
      vatCents: cents(text(root, 'cac:TaxTotal/cbc:TaxAmount'), decimals),
      taxInclusiveCents: cents(text(sum, 'cbc:TaxInclusiveAmount'), decimals),
      dueCents: cents(text(sum, 'cbc:PayableAmount'), decimals),
    },
    dueDate: text(root, 'cbc:DueDate'),
    paymentTerms: text(root, 'cac:PaymentTerms/cbc:Note'),
    purchaseOrder: text(root, 'cac:OrderReference/cbc:ID'),
    buyerReference: text(root, 'cbc:BuyerReference'),
    decimals,
  };
}

/** Half away from zero, to the cent: `base × rate %`. */
const vatOf = (baseCents: number, ratePercent: number) => {
  const exact = (Math.abs(baseCents) * Math.round(ratePercent * 100)) / 10_000;
  return Math.sign(baseCents) * Math.round(exact);
};

/** The syntax-neutral rules, on one model. */
function modelRules(m: Model): RuleFailure[] {
  const out: RuleFailure[] = [];
  const rule = (ok: boolean, id: string, message: string) => {
    if (!ok) out.push({ rule: id, message });
  };
  const t = m.totals;
  rule(!!m.specification, 'BR-01', 'specification identifier (BT-24)');
  rule(!!m.number, 'BR-02', 'invoice number (BT-1)');
  rule(!!m.issueDate, 'BR-03', 'issue date (BT-2)');
  rule(!!m.typeCode && ['380', '381', '384', '389', '751'].includes(m.typeCode), 'BR-04', `type code ${m.typeCode}`);
  rule(m.currency === 'EUR', 'BR-05', `currency ${m.currency}`);
  rule(!!m.seller.name, 'BR-06', 'seller name (BT-27)');
  rule(!!m.buyer.name, 'BR-07', 'buyer name (BT-44)');
  rule(m.seller.hasAddress, 'BR-08', 'seller postal address (BG-5)');
  rule(!!m.seller.country, 'BR-09', 'seller country (BT-40)');
  rule(m.buyer.hasAddress, 'BR-10', 'buyer postal address (BG-8)');
  rule(!!m.buyer.country, 'BR-11', 'buyer country (BT-55)');
  rule(t.lineCents !== null, 'BR-12', 'sum of line net amounts (BT-106)');
  rule(t.taxExclusiveCents !== null, 'BR-13', 'total without VAT (BT-109)');
  rule(t.taxInclusiveCents !== null, 'BR-14', 'total with VAT (BT-112)');
  rule(t.dueCents !== null, 'BR-15', 'amount due (BT-115)');
  rule(m.lines.length > 0, 'BR-16', 'at least one line');
  for (const l of m.lines) {
    rule(!!l.id, 'BR-21', 'line identifier (BT-126)');
    rule(l.quantity !== null && Number.isFinite(l.quantity), 'BR-22', `line ${l.id}: quantity (BT-129)`);
    rule(!!l.unitCode, 'BR-23', `line ${l.id}: unit code (BT-130)`);
    rule(l.netCents !== null, 'BR-24', `line ${l.id}: net amount (BT-131)`);
    rule(!!l.name, 'BR-25', `line ${l.id}: item name (BT-153)`);
    rule(l.priceCents !== null, 'BR-26', `line ${l.id}: net price (BT-146)`);
    rule(l.priceCents === null || l.priceCents >= 0, 'BR-27', `line ${l.id}: net price ${l.priceCents} is negative`);
    rule(!!l.category, 'BR-CO-04', `line ${l.id}: VAT category (BT-151)`);
    // Quantity × price = line amount (rounded to the cent), the sign on the quantity.
    if (l.quantity !== null && l.priceCents !== null && l.netCents !== null) {
      const exact = l.quantity * l.priceCents;
      rule(Math.abs(exact - l.netCents) <= 0.5 + 1e-9, 'BR-LINE-AMOUNT', `line ${l.id}: ${l.quantity} × ${l.priceCents} ≠ ${l.netCents}`);
    }
  }
  rule(m.decimals.length === 0, 'BR-DEC', `amounts with more than 2 decimals: ${m.decimals.join(', ')}`);
  const lineSum = m.lines.reduce((s, l) => s + (l.netCents ?? 0), 0);
  rule(t.lineCents === lineSum, 'BR-CO-10', `sum of lines ${lineSum} ≠ BT-106 ${t.lineCents}`);
  rule(t.taxExclusiveCents === t.lineCents, 'BR-CO-13', `BT-109 ${t.taxExclusiveCents} ≠ BT-106 ${t.lineCents} (no allowances or charges)`);
  const vatSum = m.breakdown.reduce((s, b) => s + (b.vatCents ?? 0), 0);
  rule(t.vatCents === vatSum, 'BR-CO-14', `BT-110 ${t.vatCents} ≠ sum of breakdown VAT ${vatSum}`);
  rule(t.taxInclusiveCents === (t.taxExclusiveCents ?? 0) + (t.vatCents ?? 0), 'BR-CO-15', `BT-112 ${t.taxInclusiveCents} ≠ BT-109 + BT-110`);
  rule(t.dueCents === t.taxInclusiveCents, 'BR-CO-16', `BT-115 ${t.dueCents} ≠ BT-112 ${t.taxInclusiveCents} (nothing prepaid)`);
  rule(m.breakdown.length > 0, 'BR-CO-18', 'at least one VAT breakdown (BG-23)');
  rule((t.dueCents ?? 0) <= 0 || !!m.dueDate || !!m.paymentTerms, 'BR-CO-25', 'positive amount due without due date or payment terms');
  rule(!!(m.seller.vatId || m.seller.taxRegId || m.seller.legalId), 'BR-CO-26', 'seller identifier, legal registration or VAT identifier');
  for (const b of m.breakdown) {
    rule(b.baseCents !== null, 'BR-45', 'breakdown taxable amount (BT-116)');
    rule(b.vatCents !== null, 'BR-46', 'breakdown VAT amount (BT-117)');
    rule(!!b.category, 'BR-47', 'breakdown category (BT-118)');
    rule(b.rate !== null || b.category === 'O', 'BR-48', `breakdown ${b.category}: rate (BT-119)`);
    if (b.baseCents !== null && b.vatCents !== null && b.rate !== null) {
      rule(b.vatCents === vatOf(b.baseCents, b.rate), 'BR-CO-17', `${b.category} ${b.rate} %: ${b.vatCents} ≠ ${b.baseCents} × rate`);
    }
  }
  // Each line's category and rate has its breakdown, whose base is the sum of those lines (BR-S-08, BR-E-08, BR-AE-08, BR-O-08).
  const key = (c: string | null, r: number | null) => `${c}:${c === 'O' ? '-' : (r ?? 0)}`;
  const bases = new Map<string, number>();
  for (const l of m.lines) bases.set(key(l.category, l.rate), (bases.get(key(l.category, l.rate)) ?? 0) + (l.netCents ?? 0));
  const rows = new Map(m.breakdown.map((b) => [key(b.category, b.rate), b]));
  for (const [k, base] of bases) {
    const cat = k.split(':')[0] as Category;
    const row = rows.get(k);
    rule(!!row, `BR-${cat}-01`, `lines in ${k} with no VAT breakdown row`);
    if (row) rule(row.baseCents === base, `BR-${cat}-08`, `breakdown ${k} base ${row.baseCents} ≠ sum of its lines ${base}`);
  }
  for (const k of rows.keys()) rule(bases.has(k), 'BR-CO-BREAKDOWN', `breakdown ${k} with no line`);
  const has = (c: Category) => m.lines.some((l) => l.category === c) || m.breakdown.some((b) => b.category === c);
  const linesOf = (c: Category) => m.lines.filter((l) => l.category === c);
  const rowsOf = (c: Category) => m.breakdown.filter((b) => b.category === c);
  if (has('S')) {
    rule(!!m.seller.vatId, 'BR-S-02', 'standard-rated invoice without the seller VAT identifier (BT-31)');
    for (const l of linesOf('S')) rule((l.rate ?? 0) > 0, 'BR-S-05', `line ${l.id}: standard rate must be above 0`);
    for (const b of rowsOf('S')) {
      rule((b.rate ?? 0) > 0, 'BR-S-06', 'S breakdown rate must be above 0');
      rule(!b.reason && !b.reasonCode, 'BR-S-10', 'S breakdown with an exemption reason');
    }
  }
  if (has('E')) {
    rule(!!(m.seller.vatId || m.seller.taxRegId), 'BR-E-02', 'exempt invoice without seller VAT identifier or tax registration (BT-31/BT-32)');
    for (const l of linesOf('E')) rule(l.rate === 0, 'BR-E-05', `line ${l.id}: exempt rate must be 0`);
    for (const b of rowsOf('E')) {
      rule(b.rate === 0, 'BR-E-06', 'E breakdown rate must be 0');
      rule(b.vatCents === 0, 'BR-E-09', 'E breakdown VAT must be 0');
      rule(!!(b.reason || b.reasonCode), 'BR-E-10', 'E breakdown without exemption reason');
    }
  }
  if (has('AE')) {
    rule(!!(m.seller.vatId) && !!(m.buyer.vatId || m.buyer.legalId), 'BR-AE-02', 'reverse charge needs the seller VAT identifier and the buyer VAT identifier or legal registration');
    for (const l of linesOf('AE')) rule(l.rate === 0, 'BR-AE-05', `line ${l.id}: reverse charge rate must be 0`);
    for (const b of rowsOf('AE')) {
      rule(b.rate === 0, 'BR-AE-06', 'AE breakdown rate must be 0');
      rule(b.vatCents === 0, 'BR-AE-09', 'AE breakdown VAT must be 0');
      rule(!!(b.reason || b.reasonCode), 'BR-AE-10', 'AE breakdown without exemption reason');
    }
  }
  if (has('O')) {
    rule(!m.seller.vatId && !m.buyer.vatId, 'BR-O-02', 'outside the scope of VAT, yet a seller or buyer VAT identifier');
    for (const l of linesOf('O')) rule(l.rate === null, 'BR-O-05', `line ${l.id}: rate on a line outside the scope of VAT`);
    for (const b of rowsOf('O')) {
      rule(b.rate === null, 'BR-O-06', 'O breakdown with a rate');
      rule(b.vatCents === 0, 'BR-O-09', 'O breakdown VAT must be 0');
      rule(!!(b.reason || b.reasonCode), 'BR-O-10', 'O breakdown without exemption reason');
    }
    rule(m.breakdown.every((b) => b.category === 'O'), 'BR-O-11', 'an O invoice has only O breakdowns');
    rule(m.lines.every((l) => l.category === 'O'), 'BR-O-12', 'an O invoice has only O lines');
  }
  // French CIUS (Factur-X CII): penalties (PMD), recovery indemnity (PMT) and discount (AAB), each its own note.
  // Peppol UBL allows one note (PEPPOL-EN16931-R002): the same mentions, in that one note.
  if (m.syntax === 'cii') {
    for (const subject of ['PMD', 'PMT', 'AAB']) {
      rule(m.notes.filter((n) => n.subject === subject).length === 1, 'BR-FR-05', `one note with subject ${subject}`);
    }
  } else {
    rule(m.notes.length <= 1, 'PEPPOL-EN16931-R002', `${m.notes.length} document notes`);
    const note = m.notes[0]?.text ?? '';
    rule(/Pénalités de retard/.test(note) && /40 €/.test(note) && /escompte/.test(note), 'RELAIS-NOTE', 'penalties, indemnity and discount in the note');
  }
  rule(m.notes.every((n) => n.text.trim() !== ''), 'BR-FR-05', 'an empty note');
  rule(!!m.buyer.endpoint && !!m.buyer.endpointScheme, 'BR-FR-12', 'buyer electronic address (BT-49) with its scheme');
  rule(m.buyerReference !== m.number, 'RELAIS-BT-10', 'BuyerReference (BT-10) is the invoice number');
  // A credit note states what it credits: its amount due is not negative (the type code carries the sign).
  if (m.typeCode === '381') rule((t.dueCents ?? 0) >= 0, 'RELAIS-CREDIT-SIGN', `credit note amount due ${t.dueCents}`);
  return out;
}

/** PEPPOL-EN16931-R008: no element without content (no text, no children, no attributes). */
function emptyElements(root: Element): RuleFailure[] {
  const out: RuleFailure[] = [];
  const walk = (e: Element) => {
    if (e.children.length === 0 && (e.textContent ?? '').trim() === '' && e.attributes.length === 0) {
      out.push({ rule: 'PEPPOL-EN16931-R008', message: `empty element ${e.tagName}` });
    }
    for (const c of e.children) walk(c);
  };
  walk(root);
  return out;
}

/** Every rule above on a CII (Factur-X EN 16931) document. */
export function checkCii(xml: string): RuleFailure[] {
  const root = parse(xml).documentElement;
  const out = [...modelRules(readCii(xml)), ...emptyElements(root)];
  if (root.tagName !== 'rsm:CrossIndustryInvoice') out.push({ rule: 'CII-SYNTAX', message: `root ${root.tagName}` });
  return out;
}

/** Every rule above on a UBL Invoice or CreditNote, plus the Peppol and UBL syntax rules they meet. */
export function checkUbl(xml: string): RuleFailure[] {
  const root = parse(xml).documentElement;
  const m = readUbl(xml);
  const out = [...modelRules(m), ...emptyElements(root)];
  const credit = root.tagName === 'CreditNote';
  const lineTag = credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
  for (const line of all(root, lineTag)) {
    const cat = one(line, 'cac:Item/cac:ClassifiedTaxCategory');
    if (cat && one(cat, 'cbc:TaxExemptionReasonCode')) out.push({ rule: 'UBL-CR-601', message: 'exemption reason code on a line' });
    if (cat && one(cat, 'cbc:TaxExemptionReason')) out.push({ rule: 'UBL-CR-600', message: 'exemption reason on a line' });
  }
  if (!m.buyerReference && !m.purchaseOrder) out.push({ rule: 'PEPPOL-EN16931-R003', message: 'neither buyer reference nor purchase order reference' });
  if (!m.buyer.endpoint) out.push({ rule: 'PEPPOL-EN16931-R010', message: 'buyer electronic address' });
  if (!one(root, 'cbc:ProfileID')) out.push({ rule: 'PEPPOL-EN16931-R001', message: 'business process (ProfileID)' });
  return out;
}
