import { AFRelationship, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { Canvas } from './canvas';
import { renderCii } from './cii';
import { PAGE, drawInvoice, sellerDisplayName } from './layout';
import { fonts } from './pdf-font';
import { SRGB_ICC_BASE64 } from './srgb-icc';
import type { InvoiceDocument } from './types';

/**
 * The invoice as a PDF/A-3b Factur-X file: page 1 drawn with the embedded fonts, the
 * EN 16931 CII attached as `factur-x.xml` (AFRelationship Alternative, listed in the
 * catalog's /AF), an sRGB output intent, and XMP metadata that declares PDF/A-3B and the
 * Factur-X extension schema and mirrors the Info dictionary field for field.
 *
 * Not node-zugferd's `embedInPdf`: in 0.1.0 its XMP declares `xmlns:about=""` instead of
 * `rdf:about` on the Factur-X description, has no dc:title while setting a Title,
 * disagrees with the Info Producer, writes the packet byte-truncated (non-ASCII text is
 * mangled) and its ICC stream lacks /N — each a PDF/A validation failure.
 */

const ICC = Uint8Array.from(atob(SRGB_ICC_BASE64), (c) => c.charCodeAt(0));
/** The ICC profile deflated once per isolate. */
let iccDeflated: Uint8Array | undefined;
const encoder = new TextEncoder();
const PRODUCER = 'Relais (pdf-lib, node-zugferd)';
const CREATOR = 'Relais';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmp(meta: { title: string; author: string; subject: string; date: string }): string {
  const e = { title: xmlEscape(meta.title), author: xmlEscape(meta.author), subject: xmlEscape(meta.subject) };
  const prop = (name: string, valueType: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${valueType}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e.title}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${e.author}</rdf:li></rdf:Seq></dc:creator><dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e.subject}</rdf:li></rdf:Alt></dc:description></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${PRODUCER}</pdf:Producer></rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${CREATOR}</xmp:CreatorTool><xmp:CreateDate>${meta.date}</xmp:CreateDate><xmp:ModifyDate>${meta.date}</xmp:ModifyDate><xmp:MetadataDate>${meta.date}</xmp:MetadataDate></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema><pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI><pdfaSchema:prefix>fx</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${prop('DocumentFileName', 'Text', 'The name of the embedded XML document')}${prop('DocumentType', 'Text', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}${prop('Version', 'Text', 'The actual version of the standard applying to the embedded XML document')}${prop('ConformanceLevel', 'Text', 'The conformance level of the embedded XML document')}</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"><fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>factur-x.xml</fx:DocumentFileName><fx:Version>1.0</fx:Version><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel></rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

async function documentId(doc: InvoiceDocument): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${doc.seller.siret ?? doc.seller.legalName}|${doc.number}|${doc.issuedOn}|${doc.totalCents}`));
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Renders the PDF/A-3 Factur-X file. Deterministic: the same invoice gives the same bytes
 * (dates are the issue date, the file ID a hash of the invoice's identity).
 */
export async function renderInvoicePdf(doc: InvoiceDocument, ciiXml?: string): Promise<Uint8Array> {
  const xml = ciiXml ?? (await renderCii(doc));
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const ctx = pdf.context;
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  page.node.setFontDictionary(PDFName.of('F1'), fonts.regular.embed(pdf));
  page.node.setFontDictionary(PDFName.of('F2'), fonts.bold.embed(pdf));
  const canvas = new Canvas(fonts, PAGE.width, PAGE.height);
  drawInvoice(canvas, doc);
  page.node.addContentStream(ctx.register(ctx.flateStream(canvas.content())));

  const at = new Date(`${doc.issuedOn}T12:00:00Z`);
  const title = `${doc.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${doc.number}`;
  const author = sellerDisplayName(doc.seller);
  const subject = `${title} – ${doc.buyer.name}`;
  await pdf.attach(encoder.encode(xml), 'factur-x.xml', {
    mimeType: 'text/xml',
    description: 'Factur-X EN 16931 invoice data',
    creationDate: at,
    modificationDate: at,
    afRelationship: AFRelationship.Alternative,
  });

  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setAuthor(author);
  pdf.setSubject(subject);
  pdf.setCreator(CREATOR);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setLanguage('fr-FR');
  const date = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  pdf.catalog.set(PDFName.of('Metadata'), ctx.register(ctx.stream(encoder.encode(xmp({ title, author, subject, date })), { Type: 'Metadata', Subtype: 'XML' })));
  iccDeflated ??= ctx.flateStream(ICC).getContents();
  const icc = ctx.register(ctx.stream(iccDeflated, { N: 3, Filter: 'FlateDecode' }));
  pdf.catalog.set(
    PDFName.of('OutputIntents'),
    ctx.obj([ctx.obj({ Type: 'OutputIntent', S: 'GTS_PDFA1', OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'), Info: PDFString.of('sRGB IEC61966-2.1'), DestOutputProfile: icc })]),
  );
  const id = PDFHexString.of(await documentId(doc));
  ctx.trailerInfo.ID = ctx.obj([id, id]);
  return pdf.save({ addDefaultPage: false });
}
