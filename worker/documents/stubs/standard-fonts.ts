/**
 * Stands in for `@pdf-lib/standard-fonts` in the documents Worker bundle only
 * (wrangler.documents.toml [alias]): the 14 standard fonts' metrics are 112 KB gzip, and
 * PDF/A forbids those non-embedded fonts anyway. Relais embeds its own (pdf-font.ts).
 * Anything reaching for a standard font fails loudly instead of printing wrongly.
 */
const unavailable = () => {
  throw new Error('Standard PDF fonts are not bundled in the documents Worker (PDF/A needs embedded fonts)');
};
export const FontNames = {
  Courier: 'Courier', CourierBold: 'Courier-Bold', CourierOblique: 'Courier-Oblique', CourierBoldOblique: 'Courier-BoldOblique',
  Helvetica: 'Helvetica', HelveticaBold: 'Helvetica-Bold', HelveticaOblique: 'Helvetica-Oblique', HelveticaBoldOblique: 'Helvetica-BoldOblique',
  TimesRoman: 'Times-Roman', TimesRomanBold: 'Times-Bold', TimesRomanItalic: 'Times-Italic', TimesRomanBoldItalic: 'Times-BoldItalic',
  Symbol: 'Symbol', ZapfDingbats: 'ZapfDingbats',
} as const;
export const Encodings = { Symbol: {}, ZapfDingbats: {}, WinAnsi: {} };
export const Font = { load: unavailable };
export type EncodingType = unknown;
